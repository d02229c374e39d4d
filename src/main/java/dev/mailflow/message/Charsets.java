package dev.mailflow.message;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes to text by a charset named by a stranger: known aliases, and a guess when the name is no use. */
final class Charsets {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Charsets() {}

    /** The charset a MIME name means (Angus Mail's aliases first: {@code ks_c_5601-1987}, ...), or null. */
    static Charset known(String name) {
        if (name == null || name.isBlank() || name.length() > 60) {
            return null;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(name.strip()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The bytes as text: in the named charset when it is known; otherwise UTF-8 when they are valid
     * UTF-8, else Windows-1252 (what unlabelled 8-bit mail mostly is). Malformed bytes are replaced.
     */
    static String decode(byte[] bytes, String charsetName, boolean guess) {
        var charset = known(charsetName);
        if (charset == null && StandardCharsets.US_ASCII.name().equalsIgnoreCase(String.valueOf(charsetName))) {
            charset = StandardCharsets.US_ASCII;
        }
        if (charset != null && charset != StandardCharsets.US_ASCII) {
            return new String(bytes, charset);
        }
        if (!guess) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /** A charset name fit to be shown in a flaw. */
    static String shown(String name) {
        var cut = name.length() > 40 ? name.substring(0, 40) : name;
        return cut.replaceAll("[^A-Za-z0-9_.:+-]", "?");
    }
}
