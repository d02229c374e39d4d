package dev.mailflow.mail;

import dev.mailflow.text.UntrustedText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** The text transformations of {@link TestMessage}: subject cleaning and encoding, body line shaping. */
final class TestMessageText {

    // RFC 5322 §2.1.1: at most 998 characters per line; RFC 5321 §4.5.3.1.6 does not count the stuffed dot.
    private static final int MAX_LINE_OCTETS = 998;
    // 36 octets give 48 base64 characters, so "Subject: " plus one encoded-word stays within the
    // 76 characters RFC 2047 §2 allows a line that carries encoded-words.
    private static final int OCTETS_PER_ENCODED_WORD = 36;
    private static final int MAX_FOLDED_LINE = 78;
    private static final Pattern LINE_END = Pattern.compile("\r\n|[\r\n\u2028\u2029\u0085]");

    private TestMessageText() {}

    /** The subject with every control or line-separating character turned into a space, runs collapsed. */
    static String subject(String subject) {
        if (subject == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(subject.length());
        subject.codePoints().forEach(c -> clean.appendCodePoint(UntrustedText.hidden(c) ? ' ' : c));
        return clean.toString().replaceAll(" {2,}", " ").strip();
    }

    /**
     * The subject folded at spaces when ASCII, else as RFC 2047 B encoded-words of UTF-8, one per
     * folded line; {@code used} is how much of the first line the field name takes.
     */
    static String encodedSubject(String subject, int used) {
        if (isAscii(subject)) {
            return folded(subject, used);
        }
        StringBuilder words = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        int chunkOctets = 0;
        for (int i = 0; i < subject.length(); ) {
            int c = subject.codePointAt(i);
            int octets = utf8Length(c);
            // §5: an encoded-word holds whole characters, never part of one's octets.
            if (chunkOctets + octets > OCTETS_PER_ENCODED_WORD) {
                appendWord(words, chunk);
                chunk.setLength(0);
                chunkOctets = 0;
            }
            chunk.appendCodePoint(c);
            chunkOctets += octets;
            i += Character.charCount(c);
        }
        appendWord(words, chunk);
        return words.toString();
    }

    /** Breaks before a space wherever a line would pass 78 characters (RFC 5322 §2.1.1, §2.2.3). */
    private static String folded(String text, int used) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int lineLength = used;
        String[] words = text.split(" ", -1);
        for (int i = 0; i < words.length; i++) {
            if (i > 0 && lineLength + 1 + words[i].length() > MAX_FOLDED_LINE) {
                out.append("\r\n ");
                lineLength = 1;
            } else if (i > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(words[i]);
            lineLength += words[i].length();
        }
        return out.toString();
    }

    /**
     * The body as CRLF-terminated lines: every line end (CRLF, CR, LF, U+2028, U+2029, U+0085)
     * becomes CRLF, NUL is dropped (RFC 2045 §2.7/§2.8 forbid it in 7bit and 8bit data), lines
     * longer than 998 octets are broken, and a line starting with "." gets a second one
     * (RFC 5321 §4.5.2), so no line of the body can end the DATA.
     */
    static String bodyLines(String body) {
        if (body.isEmpty()) {
            return "";
        }
        String[] lines = LINE_END.split(body, -1);
        // A body ending in a line end leaves an empty last piece that is no line of its own.
        int count = lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        StringBuilder out = new StringBuilder(body.length() + 2 * count + 16);
        for (int n = 0; n < count; n++) {
            String line = lines[n].replace("\0", "");
            int start = 0;
            do {
                int end = cut(line, start);
                if (line.startsWith(".", start)) {
                    out.append('.');
                }
                out.append(line, start, end).append("\r\n");
                start = end;
            } while (start < line.length());
        }
        return out.toString();
    }

    static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** Where the piece of {@code line} from {@code start} must end to stay within 998 octets. */
    private static int cut(String line, int start) {
        int octets = 0;
        int i = start;
        while (i < line.length()) {
            int c = line.codePointAt(i);
            octets += utf8Length(c);
            if (octets > MAX_LINE_OCTETS) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    private static void appendWord(StringBuilder words, StringBuilder chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (!words.isEmpty()) {
            // Folding white space between two encoded-words is dropped when decoding (§6.2).
            words.append("\r\n ");
        }
        byte[] octets = chunk.toString().getBytes(StandardCharsets.UTF_8);
        words.append("=?UTF-8?B?")
                .append(Base64.getEncoder().encodeToString(octets))
                .append("?=");
    }

    private static int utf8Length(int c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return c < 0x10000 ? 3 : 4;
    }
}
