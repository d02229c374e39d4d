package dev.mailflow.web;

import dev.mailflow.message.MessageProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than {@code mailflow.web.max-request-body} (on the paths that take
 * a whole message, {@code mailflow.messages.max-upload} and room for the form around it) before it is read: by
 * its {@code Content-Length} at once, and a body without one (chunked) as soon as the reader passes
 * the limit. Runs before sign-in, so an oversized body costs neither a password check nor memory.
 */
final class BodyLimit extends OncePerRequestFilter {

    /** Paths that take a whole message (an upload, a raw message/rfc822 body, a pasted header block). */
    static final Set<String> MESSAGE_PATHS = Set.of("/headers", "/api/headers");

    /** A multipart form's boundaries and other fields beside the uploaded file. */
    static final long FORM_MARGIN = 1024 * 1024;

    private final long defaultMax;
    private final long messageMax;

    BodyLimit(WebProperties properties, MessageProperties messages) {
        this.defaultMax = properties.maxRequestBody().toBytes();
        this.messageMax = Math.max(defaultMax, messages.maxUpload().toBytes() + FORM_MARGIN);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean message = MESSAGE_PATHS.contains(request.getServletPath());
        long max = message ? messageMax : defaultMax;
        String setting = message ? "mailflow.messages.max-upload" : "mailflow.web.max-request-body";
        long length = request.getContentLengthLong();
        if (length > max) {
            refuse(response, max, setting);
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            if (MediaType.APPLICATION_FORM_URLENCODED_VALUE.equalsIgnoreCase(formType(request))) {
                // The servlet container parses form bodies itself, past any wrapper: ask for the length.
                response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
                return;
            }
            try {
                chain.doFilter(new Capped(request, max), response);
            } catch (BodyTooLargeException e) {
                if (!response.isCommitted()) {
                    response.reset();
                    refuse(response, max, setting);
                }
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static String formType(HttpServletRequest request) {
        var type = request.getContentType();
        return type == null ? "" : type.split(";", 2)[0].strip();
    }

    private static void refuse(HttpServletResponse response, long max, String setting) throws IOException {
        response.setStatus(413);
        response.setHeader("Connection", "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                        + "\"detail\":\"The request body is larger than " + max + " bytes ("
                        + setting + ").\"}");
    }

    /** Thrown by the capped stream; the API's error handler answers 413 when it arrives as the cause. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large", null);
        }
    }

    private static final class Capped extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedStream(super.getInputStream(), max);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            var encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), encoding));
        }
    }

    private static final class CappedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private long read;

        CappedStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, max - read + 1));
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > max) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
