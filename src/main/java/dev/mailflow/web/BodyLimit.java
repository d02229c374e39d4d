package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request body larger than {@code mailflow.web.max-request-body} before it is read: by
 * its {@code Content-Length} at once, and a body without one (chunked) as soon as the reader passes
 * the limit. Runs before sign-in, so an oversized body costs neither a password check nor memory.
 * The bounce explainer ({@code POST /api/explain}, {@code POST /codes}) has a limit that fits its
 * field: 65,536 characters of text, escaped in JSON or percent-encoded in a form, so a paste heavy
 * in line breaks or non-ASCII meets the field's own 413 (naming {@code text}), not this one; and an
 * uploaded message ({@code .eml}, {@code .msg}): up to {@code mailflow.messages.max-upload} and a
 * little room for the form around it.
 */
final class BodyLimit extends OncePerRequestFilter {

    /** The paths that take a pasted or uploaded message: the bounce explainer's and the header analyzer's. */
    static final Set<String> MESSAGE_PATHS = Set.of("/api/explain", "/codes", "/api/headers", "/headers");

    /** The form fields and multipart boundaries around an uploaded file. */
    static final long FORM_ROOM = 64 * 1024;

    private final long configured;
    /** The bounce explainer's: its one field may take more than the usual body, or a whole message. */
    private final long explainer;

    private final JsonMapper json;

    /** @param json the application's mapper; problems are written with Spring's ProblemDetail mix-in */
    BodyLimit(WebProperties properties, long maxUpload, JsonMapper json) {
        this.configured = properties.maxRequestBody().toBytes();
        this.explainer = Math.max(Math.max(configured, ExplainApi.MAX_BODY), maxUpload + FORM_ROOM);
        this.json = json.rebuild()
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                .build();
    }

    private static boolean explainer(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && MESSAGE_PATHS.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean explain = explainer(request);
        long max = explain ? explainer : configured;
        long length = request.getContentLengthLong();
        if (length > max) {
            refuse(response, max, explain ? field(request) : null);
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
                    refuse(response, max, explain ? field(request) : null);
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

    /** The explainer's field a body too large for it stands for: the pasted text, an upload, or the raw message. */
    private static String field(HttpServletRequest request) {
        var type = formType(request).toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/")) {
            return "file";
        }
        return type.equals(MediaType.APPLICATION_JSON_VALUE) || type.equals(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                ? "text"
                : "body";
    }

    private void refuse(HttpServletResponse response, long max, String field) throws IOException {
        response.setStatus(413);
        response.setHeader("Connection", "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + max + " bytes"
                        + (field != null ? " (mailflow.messages.max-upload)" : " (mailflow.web.max-request-body)")
                        + ".");
        if (field != null) {
            problem.setProperty(
                    "errors",
                    List.of(Map.of(
                            "field",
                            field,
                            "message",
                            "A message of at most " + max + " bytes, or a text of at most " + Knowledge.MAX_PASTED
                                    + " characters.")));
        }
        json.writeValue(response.getWriter(), problem);
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
