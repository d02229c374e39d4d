package dev.mailflow.mail;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Local-part} of RFC 5321 §4.1.2: a Dot-string of atoms, or a Quoted-string; RFC 6531 §3.3
 * adds non-ASCII characters to both.
 */
final class LocalPartSyntax {

    /** RFC 5321 §4.5.3.1.1. */
    static final int MAX_LOCAL_OCTETS = 64;

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private LocalPartSyntax() {}

    /** The index just past the local part that starts {@code text}: past a closing quote, or at the first '@'. */
    static int end(String text) {
        if (!text.startsWith("\"")) {
            int at = text.indexOf('@');
            return at < 0 ? text.length() : at;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        throw new InvalidInputException("the local part opens a quote that is never closed");
    }

    static void check(String local) {
        DomainSyntax.refuseHostileCharacters(local, "the local part");
        if (local.isEmpty()) {
            throw new InvalidInputException("the local part is empty");
        }
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_OCTETS) {
            throw new InvalidInputException("the local part is longer than 64 octets");
        }
        if (local.startsWith("\"")) {
            checkQuoted(local);
        } else {
            checkDotString(local);
        }
    }

    private static void checkDotString(String local) {
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidInputException(
                    "the local part may not start or end with a dot or have two dots in a row (quote it if it must)");
        }
        local.codePoints().forEach(cp -> {
            if (cp != '.' && !isAtext(cp)) {
                throw new InvalidInputException("the local part contains '" + Character.toString(cp)
                        + "', which needs the local part to be quoted");
            }
        });
    }

    private static void checkQuoted(String local) {
        if (local.length() < 2 || !local.endsWith("\"") || end(local) != local.length()) {
            throw new InvalidInputException("the quoted local part must end with its closing quote");
        }
        for (int i = 1; i < local.length() - 1; i++) {
            char c = local.charAt(i);
            if (c == '\\') {
                char next = local.charAt(++i);
                if (next < 32 || next > 126) {
                    throw new InvalidInputException("the quoted local part escapes a character that cannot be escaped");
                }
            } else if (c == '"' || (c < 32) || c == 127) {
                throw new InvalidInputException("the quoted local part contains an unescaped quote or control");
            }
        }
    }

    private static boolean isAtext(int cp) {
        return (cp >= 'a' && cp <= 'z')
                || (cp >= 'A' && cp <= 'Z')
                || (cp >= '0' && cp <= '9')
                || ATEXT_SPECIALS.indexOf(cp) >= 0
                || cp > 127;
    }
}
