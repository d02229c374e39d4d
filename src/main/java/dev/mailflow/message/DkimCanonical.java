package dev.mailflow.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DKIM canonicalization (RFC 6376 §3.4) and the data a signature covers (§3.7). Line ends are
 * taken as CRLF whatever the input used: a pasted or saved message often has bare LF, and SMTP
 * carried it with CRLF when it was signed.
 */
final class DkimCanonical {

    private static final Pattern WSP_RUN = Pattern.compile("[ \\t]+");
    // The value of the b= tag, not bh= (RFC 6376 §3.7: the signature's own header is hashed with b= empty).
    private static final Pattern B_TAG = Pattern.compile("(^|;)([ \\t\\r\\n]*b[ \\t\\r\\n]*=)[^;]*");

    private DkimCanonical() {}

    /** The header data a signature covers: the signed fields, bottom-up, then the signature itself with b= empty. */
    static byte[] signedHeaders(DkimSignature signature, List<HeaderField> headers) {
        var used = new boolean[headers.size()];
        var out = new StringBuilder();
        for (String name : signature.signedHeaders()) {
            // RFC 6376 §5.4.2: each name takes the last instance not yet used; a missing one adds nothing.
            for (int i = headers.size() - 1; i >= 0; i--) {
                if (!used[i] && headers.get(i).is(name)) {
                    used[i] = true;
                    out.append(header(headers.get(i).raw(), signature.relaxedHeaders()))
                            .append("\r\n");
                    break;
                }
            }
        }
        String raw = signature.field().raw();
        int colon = raw.indexOf(':');
        String emptied = raw.substring(0, colon + 1)
                + B_TAG.matcher(raw.substring(colon + 1)).replaceAll("$1$2");
        out.append(header(emptied, signature.relaxedHeaders()));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One header field canonicalized, without its final CRLF. */
    static String header(String raw, boolean relaxed) {
        String crlf = raw.replaceAll("\r?\n", "\r\n");
        if (!relaxed) {
            return crlf;
        }
        int colon = crlf.indexOf(':');
        String name = crlf.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = crlf.substring(colon + 1).replace("\r\n", "");
        value = WSP_RUN.matcher(value).replaceAll(" ").strip();
        return name + ":" + value;
    }

    /** The body canonicalized (RFC 6376 §3.4.3, §3.4.4), before any l= limit. */
    static byte[] body(byte[] raw, boolean relaxed) {
        var lines = lines(raw);
        var out = new ByteArrayOutputStream(raw.length + 64);
        int last = lines.size();
        while (last > 0 && (relaxed ? blank(lines.get(last - 1)) : lines.get(last - 1).length == 0)) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            byte[] line = relaxed ? relaxedLine(lines.get(i)) : lines.get(i);
            out.writeBytes(line);
            out.writeBytes(CRLF);
        }
        if (last == 0 && !relaxed) {
            out.writeBytes(CRLF); // §3.4.3: an empty body is one CRLF
        }
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** Lines without their ends; a last line without an end counts as a line. */
    private static List<byte[]> lines(byte[] raw) {
        var lines = new ArrayList<byte[]>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                int end = i > start && raw[i - 1] == '\r' ? i - 1 : i;
                lines.add(java.util.Arrays.copyOfRange(raw, start, end));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            lines.add(java.util.Arrays.copyOfRange(raw, start, raw.length));
        }
        return lines;
    }

    private static boolean blank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Runs of WSP become one SP, WSP at the end goes. */
    private static byte[] relaxedLine(byte[] line) {
        var out = new ByteArrayOutputStream(line.length);
        boolean space = false;
        for (byte b : line) {
            if (b == ' ' || b == '\t') {
                space = true;
            } else {
                if (space) {
                    out.write(' ');
                    space = false;
                }
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
