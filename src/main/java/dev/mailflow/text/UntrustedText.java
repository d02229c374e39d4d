package dev.mailflow.text;

/**
 * The one sanitizer for text written by strangers (banners, replies, certificate names, TLS errors,
 * what a user typed): every view shows such text through it, so what one view guarantees, all do.
 *
 * <p>It guarantees that the result is one line of visible characters of bounded length: C0 controls
 * and DEL become their Unicode control pictures ({@code ␍ ␊ ␀ ␡}), and every other character that
 * could move, hide or reorder text (C1 controls, bidi controls such as U+202E, U+200E/F,
 * U+2066-2069, zero-width and other format characters, the line and paragraph separators U+2028 and
 * U+2029, lone surrogates) is written as {@code [U+XXXX]}. A tab stays a tab.
 */
public final class UntrustedText {

    /** Longer than any SMTP reply line (RFC 5321 §4.5.3.1.5 allows 512 octets); used where no other bound applies. */
    public static final int MAX_LINE = 2000;

    private static final String CUT = "…";

    private UntrustedText() {}

    /** {@link #shown(String, int)} with {@link #MAX_LINE}; null is empty. */
    public static String visible(String text) {
        return shown(text, MAX_LINE);
    }

    /**
     * {@code text} as one visible line (see the class comment) of at most {@code max} of its
     * characters: a longer text keeps {@code max - 1} and ends with an ellipsis. Null is empty.
     */
    public static String shown(String text, int max) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(Math.min(text.length(), max) + 8);
        int keep = text.codePointCount(0, text.length()) > max ? max - 1 : max;
        int i = 0;
        int taken = 0;
        while (i < text.length() && taken < keep) {
            int c = text.codePointAt(i);
            if (c == '\t' || !hidden(c)) {
                out.appendCodePoint(c);
            } else if (c < 0x20) {
                out.appendCodePoint(0x2400 + c); // Unicode "Control Pictures": ␍ ␊ ␀
            } else if (c == 0x7f) {
                out.append('␡');
            } else {
                out.append(String.format("[U+%04X]", c));
            }
            i += Character.charCount(c);
            taken++;
        }
        return i < text.length() ? out.append(CUT).toString() : out.toString();
    }

    /**
     * Whether a character must not be shown or written as it is: controls, line and paragraph
     * separators (some encoders narrow U+2028 to a line end), format characters (bidi overrides) and
     * lone surrogates.
     */
    public static boolean hidden(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }

    /** The longest value of an audit line's {@code key=value} before it is cut. */
    public static final int MAX_AUDIT_VALUE = 256;

    /**
     * A value for a {@code key=value} log line that cannot break the line or fake another key:
     * controls, spaces, quotes and equals signs become {@code _}, a longer value is cut after
     * {@link #MAX_AUDIT_VALUE} characters and ends with {@code ...}; null or empty is {@code -}.
     */
    public static String auditValue(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "-";
        }
        var sb = new StringBuilder(Math.min(raw.length(), MAX_AUDIT_VALUE));
        raw.codePoints().limit(MAX_AUDIT_VALUE).forEach(c -> {
            boolean unsafe = Character.isISOControl(c)
                    || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || c == '"'
                    || c == '=';
            sb.appendCodePoint(unsafe ? '_' : c);
        });
        return raw.codePointCount(0, raw.length()) > MAX_AUDIT_VALUE ? sb + "..." : sb.toString();
    }
}
