package dev.mailflow.message;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the format readers share: finding an address on a line and collecting the lines of a reply.
 * Every pattern here works on one bounded line and has no nested quantifier.
 */
final class TextScan {

    /** Longest line a reader looks at; the rest of a longer line is not read. */
    static final int MAX_LINE = 2000;

    /** Lines of one recipient's paragraph a reader collects, at most. */
    static final int MAX_PARAGRAPH = 12;

    static final Pattern ADDRESS =
            Pattern.compile("<?([^\\s<>\"'()\\[\\],;:@]{1,64}@[A-Za-z0-9][A-Za-z0-9.-]{0,252}[A-Za-z0-9])>?");

    /** A reply starts a line: a basic code, or an enhanced one alone. */
    static final Pattern REPLY_START =
            Pattern.compile("^['\"#(]?\\s?(?:[2-5]\\d\\d(?:[ -]|$)|[245]\\.\\d{1,3}\\.\\d{1,3}\\s)");

    private TextScan() {}

    static String line(String line) {
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
    }

    /** The first address on the line, in lower case, or null. */
    static String address(String line) {
        var m = ADDRESS.matcher(line(line));
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The line is an address and little else ({@code <kate@example.org>:}, {@code   kate@example.org}). */
    static String addressLine(String line) {
        var s = line(line).strip();
        var m = ADDRESS.matcher(s);
        if (!m.find() || m.start() > 2) {
            return null;
        }
        var rest = s.substring(m.end()).strip();
        if (rest.isEmpty() || rest.equals(":") || rest.startsWith("on ") || rest.startsWith("(")) {
            return m.group(1).toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /**
     * The reply that starts at {@code start}: that line and the lines after it up to a blank line,
     * at most {@link #MAX_PARAGRAPH}, as one text.
     */
    static String paragraph(List<String> lines, int start) {
        var sb = new StringBuilder();
        for (int i = start; i < lines.size() && i < start + MAX_PARAGRAPH; i++) {
            var l = line(lines.get(i)).strip();
            if (l.isEmpty()) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(l);
        }
        return sb.toString();
    }

    /** The index of the first line at or after {@code from} that contains {@code marker}, or -1. */
    static int find(List<String> lines, int from, String marker) {
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (line(lines.get(i)).contains(marker)) {
                return i;
            }
        }
        return -1;
    }

    /** The first line at or after {@code from} that is not blank, or -1. */
    static int nextText(List<String> lines, int from) {
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    /** The text after {@code marker} on the line, stripped. */
    static String after(String line, String marker) {
        int i = line.indexOf(marker);
        return i < 0 ? "" : line(line.substring(i + marker.length())).strip();
    }
}
