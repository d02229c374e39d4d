package dev.mailflow.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a multipart body at its boundary lines (RFC 2046 §5.1.1) into the bytes of its parts, no
 * more than a given number: Angus Mail's own multipart parser reads every part before the first can
 * be had, and a stranger's 10,000 tiny parts cost it seconds. One forward scan; a missing close
 * delimiter ends the last part at the end of the body.
 */
final class MultipartSplitter {

    private MultipartSplitter() {}

    /** The parts' bytes (headers and body, without the delimiter lines), at most {@code max}. */
    static List<byte[]> split(byte[] body, String boundary, int max) {
        var delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        var parts = new ArrayList<byte[]>();
        int start = -1;
        int at = 0;
        while (at <= body.length && parts.size() < max) {
            int found = nextDelimiter(body, delimiter, at);
            if (found < 0) {
                break;
            }
            int lineEnd = lineEnd(body, found + delimiter.length);
            boolean close = found + delimiter.length + 1 < body.length
                    && body[found + delimiter.length] == '-'
                    && body[found + delimiter.length + 1] == '-';
            if (start >= 0) {
                parts.add(Arrays.copyOfRange(body, start, trimLineBreak(body, start, found)));
            }
            if (close) {
                return parts;
            }
            start = lineEnd;
            at = lineEnd;
        }
        if (start >= 0 && start < body.length && parts.size() < max) {
            parts.add(Arrays.copyOfRange(body, start, body.length));
        }
        return parts;
    }

    /** The next delimiter at the start of a line, at or after {@code from}; -1 when there is none. */
    private static int nextDelimiter(byte[] body, byte[] delimiter, int from) {
        for (int i = from; i <= body.length - delimiter.length; i++) {
            if ((i == 0 || body[i - 1] == '\n') && matches(body, delimiter, i)) {
                return i;
            }
            // Skip to the next line: a delimiter only starts one.
            int nl = indexOf(body, (byte) '\n', i);
            if (nl < 0) {
                return -1;
            }
            i = nl;
        }
        return -1;
    }

    private static boolean matches(byte[] body, byte[] delimiter, int at) {
        for (int j = 0; j < delimiter.length; j++) {
            if (body[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte b, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Just past the end of the line that starts at or before {@code from}. */
    private static int lineEnd(byte[] body, int from) {
        int nl = indexOf(body, (byte) '\n', from);
        return nl < 0 ? body.length : nl + 1;
    }

    /** The CRLF or LF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1). */
    private static int trimLineBreak(byte[] body, int start, int end) {
        int e = end;
        if (e > start && body[e - 1] == '\n') {
            e--;
            if (e > start && body[e - 1] == '\r') {
                e--;
            }
        }
        return e;
    }
}
