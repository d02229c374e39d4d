package dev.mailflow.smtp;

/** Text taken from a certificate or a TLS error is written by strangers: shown only printable and short. */
final class TlsText {

    private TlsText() {}

    /**
     * {@code text} with control and format characters (line breaks, bidi overrides) replaced by "?",
     * cut to {@code max} characters with an ellipsis.
     */
    static String printable(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        int i = 0;
        while (i < text.length() && out.length() < max) {
            int c = text.codePointAt(i);
            int type = Character.getType(c);
            boolean hidden = Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE;
            out.appendCodePoint(hidden ? '?' : c);
            i += Character.charCount(c);
        }
        return i < text.length() ? out + "…" : out.toString();
    }
}
