package dev.mailflow.mail;

import dev.mailflow.text.AddressText;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The syntax shared by addresses and EHLO names: the RFC 5321 §4.1.2 {@code Domain} and
 * {@code address-literal} productions, and the characters no field may ever carry.
 */
final class DomainSyntax {

    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private DomainSyntax() {}

    /**
     * Refuses what must never reach a command line, whatever the field: controls (CR, LF, NUL, DEL,
     * C1 such as U+0085), line and paragraph separators, invisible format characters (bidi overrides),
     * lone surrogates, and compatibility forms such as fullwidth letters, which NFKC would fold into
     * different ASCII (RFC 6530 §10.1 asks for normalised text; a fullwidth "＠" is not an "@").
     */
    static void refuseHostileCharacters(String text, String what) {
        text.codePoints().forEach(cp -> {
            switch (Character.getType(cp)) {
                case Character.CONTROL ->
                    throw new InvalidInputException(what + " contains a control character (" + codePoint(cp)
                            + "); line breaks and control characters are not allowed");
                case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                    throw new InvalidInputException(what + " contains a line separator (" + codePoint(cp) + ")");
                case Character.FORMAT ->
                    throw new InvalidInputException(
                            what + " contains an invisible formatting character (" + codePoint(cp) + ")");
                case Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE ->
                    throw new InvalidInputException(what
                            + " contains a character that is not a valid letter or symbol (" + codePoint(cp) + ")");
                default -> {}
            }
        });
        if (!Normalizer.isNormalized(text, Normalizer.Form.NFKC)) {
            throw new InvalidInputException(what
                    + " contains compatibility characters such as fullwidth letters; type them as ordinary characters");
        }
    }

    /** A domain in A-label form (LDH labels, RFC 5890 A-labels for internationalised names), or an address literal. */
    static String domainOrLiteral(String text, String what) {
        if (text.isEmpty()) {
            throw new InvalidInputException(what + " is empty");
        }
        refuseHostileCharacters(text, what);
        if (text.startsWith("[")) {
            return addressLiteral(text, what);
        }
        return DomainName.parse(text, what).ascii();
    }

    /** {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]} (RFC 5321 §4.1.3); general literals are refused. */
    static String addressLiteral(String text, String what) {
        if (!text.endsWith("]") || text.length() < 3) {
            throw new InvalidInputException(what + " starts with '[' but is not a closed address literal");
        }
        String inner = text.substring(1, text.length() - 1);
        if (AddressText.DOTTED_QUAD.matcher(inner).matches()) {
            return text;
        }
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5) && isIpv6(inner.substring(5))) {
            return "[IPv6:" + inner.substring(5) + "]";
        }
        throw new InvalidInputException(
                what + " is not an IPv4 literal like [192.0.2.1] or an IPv6 literal like [IPv6:2001:db8::1]");
    }

    /** IPv6-full, IPv6-comp and their IPv4-suffixed forms of RFC 5321 §4.1.3, without any name lookup. */
    static boolean isIpv6(String text) {
        if (!text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return false;
        }
        int compressions = text.split("::", -1).length - 1;
        if (compressions > 1 || text.contains(":::")) {
            return false;
        }
        String body = compressions == 1 ? text.replace("::", ":x:") : text;
        String[] parts = body.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean edgeOfCompression = part.isEmpty()
                    && compressions == 1
                    && ((i == 0 && parts.length > 1 && parts[1].equals("x"))
                            || (i == parts.length - 1 && i > 0 && parts[i - 1].equals("x")));
            if (part.equals("x") || edgeOfCompression) {
                continue;
            }
            if (i == parts.length - 1 && AddressText.DOTTED_QUAD.matcher(part).matches()) {
                groups += 2;
            } else if (HEX_GROUP.matcher(part).matches()) {
                groups++;
            } else {
                return false;
            }
        }
        return compressions == 1 ? groups <= 7 : groups == 8;
    }

    static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }
}
