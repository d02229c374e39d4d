package dev.mailflow.posture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and headers of an HTTP/1.1 response (RFC 9112), and its body by length, chunks
 * or connection close: enough to read one small policy file, with every size bounded.
 */
record HttpHead(int status, Map<String, String> headers) {

    /** Called before each read, to set the socket's timeout to what is left of the deadline. */
    interface Tick {
        void beforeRead() throws IOException;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    static HttpHead read(InputStream in, int maxBytes, Tick tick) throws IOException {
        var bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            tick.beforeRead();
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside the response headers");
            }
            bytes.write(b);
            if (bytes.size() > maxBytes) {
                throw new IOException("response headers longer than " + maxBytes + " bytes");
            }
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1)
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || !statusLine[1].matches("[0-9]{3}")) {
            throw new IOException("not an HTTP/1.x status line");
        }
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new HttpHead(Integer.parseInt(statusLine[1]), headers);
    }

    /** Copies the body to {@code out}; false when it is longer than {@code maxBytes}. */
    static boolean body(InputStream in, HttpHead head, OutputStream out, int maxBytes, Tick tick) throws IOException {
        String encoding = head.header("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked(in, out, maxBytes, tick);
        }
        String length = head.header("content-length");
        if (length != null) {
            if (!length.matches("[0-9]{1,10}") || Long.parseLong(length) > maxBytes) {
                return false;
            }
            return copy(in, out, Integer.parseInt(length), tick) == Integer.parseInt(length);
        }
        return copy(in, out, maxBytes + 1, tick) <= maxBytes;
    }

    private static boolean chunked(InputStream in, OutputStream out, int maxBytes, Tick tick) throws IOException {
        int total = 0;
        while (true) {
            String sizeLine = line(in, tick);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (!hex.matches("[0-9A-Fa-f]{1,7}")) {
                throw new IOException("bad chunk size");
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                return true;
            }
            total += size;
            if (total > maxBytes) {
                return false;
            }
            if (copy(in, out, size, tick) != size) {
                throw new IOException("the connection closed inside a chunk");
            }
            line(in, tick);
        }
    }

    private static String line(InputStream in, Tick tick) throws IOException {
        var sb = new StringBuilder();
        while (sb.length() < 1024) {
            tick.beforeRead();
            int b = in.read();
            if (b < 0 || b == '\n') {
                return sb.toString().strip();
            }
            sb.append((char) b);
        }
        throw new IOException("chunk line too long");
    }

    private static int copy(InputStream in, OutputStream out, int limit, Tick tick) throws IOException {
        byte[] buffer = new byte[4096];
        int copied = 0;
        while (copied < limit) {
            tick.beforeRead();
            int n = in.read(buffer, 0, Math.min(buffer.length, limit - copied));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }
}
