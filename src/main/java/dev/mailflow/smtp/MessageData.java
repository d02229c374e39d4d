package dev.mailflow.smtp;

import java.io.ByteArrayOutputStream;

/**
 * Defence in depth for DATA (RFC 5321 §4.1.1.4, §4.5.2): the message must already have CRLF line
 * ends and dot-stuffing. A bare CR or LF, or a line that is a single ".", could end the data early
 * on some servers and smuggle a second message (SMTP smuggling), so such content is refused.
 */
final class MessageData {

    private MessageData() {}

    /** Null when the content is safe to send, else why not. */
    static String problem(byte[] data) {
        boolean lineStart = true;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '\r' && (i + 1 >= data.length || data[i + 1] != '\n')) {
                return "the message contains a bare CR";
            }
            if (b == '\n' && (i == 0 || data[i - 1] != '\r')) {
                return "the message contains a bare LF";
            }
            if (lineStart && b == '.' && (i + 1 >= data.length || data[i + 1] == '\r')) {
                return "the message contains a line that is a single \".\" (it is not dot-stuffed)";
            }
            lineStart = b == '\n';
        }
        return null;
    }

    /** The content followed by the end-of-data {@code .CRLF}, with a CRLF first if the content lacks one. */
    static byte[] terminated(byte[] data) {
        var out = new ByteArrayOutputStream(data.length + 5);
        out.writeBytes(data);
        boolean endsWithCrlf = data.length >= 2 && data[data.length - 2] == '\r' && data[data.length - 1] == '\n';
        if (data.length > 0 && !endsWithCrlf) {
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        out.writeBytes(new byte[] {'.', '\r', '\n'});
        return out.toByteArray();
    }
}
