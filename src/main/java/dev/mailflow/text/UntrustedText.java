package dev.mailflow.text;

/** Text written by strangers (certificates, TLS errors, subjects): shown only printable and short. */
public final class UntrustedText {

    private UntrustedText() {}

    /**
     * {@code text} with control and format characters (line breaks, bidi overrides) replaced by "?",
     * cut to {@code max} characters with an ellipsis.
     */
    public static String printable(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        int i = 0;
        while (i < text.length() && out.length() < max) {
            int c = text.codePointAt(i);
            out.appendCodePoint(hidden(c) ? '?' : c);
            i += Character.charCount(c);
        }
        return i < text.length() ? out + "…" : out.toString();
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
}
