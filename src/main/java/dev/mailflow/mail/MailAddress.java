package dev.mailflow.mail;

import java.nio.charset.StandardCharsets;

/**
 * A mailbox as it may appear in MAIL FROM or RCPT TO (RFC 5321 §4.1.2), checked for syntax and
 * the §4.5.3.1 length limits. Contains no CR, LF or NUL by construction: the canonical constructor
 * validates too, so no path around {@link #parse} exists. The domain is kept in A-label form; the
 * local part as written (a quoted-string keeps its quotes). A non-ASCII local part is allowed
 * (RFC 6531) and makes {@link #needsSmtpUtf8()} true.
 */
public record MailAddress(String localPart, String domain) {

    /** The null reverse-path, {@code MAIL FROM:<>}. */
    public static final MailAddress NULL_SENDER = new MailAddress("", "");

    static final int MAX_PATH_OCTETS = 256;

    public MailAddress {
        if (localPart == null || domain == null) {
            throw new InvalidInputException("an address needs a local part and a domain");
        }
        if (!(localPart.isEmpty() && domain.isEmpty())) {
            LocalPartSyntax.check(localPart);
            domain = DomainSyntax.domainOrLiteral(domain, "the domain");
            // §4.5.3.1.3: the path counts its angle brackets and the "@".
            int pathOctets = octets(localPart) + 1 + octets(domain) + 2;
            if (pathOctets > MAX_PATH_OCTETS) {
                throw new InvalidInputException("the address is longer than 254 octets");
            }
        }
    }

    /** Parses and validates {@code local@domain}; throws {@link InvalidInputException} with the reason. */
    public static MailAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException("the address is empty");
        }
        DomainSyntax.refuseHostileCharacters(text, "the address");
        if (text.startsWith("<") || text.endsWith(">")) {
            throw new InvalidInputException("write the address without angle brackets, as in user@example.com");
        }
        int at = LocalPartSyntax.end(text);
        if (at >= text.length() || text.charAt(at) != '@') {
            throw new InvalidInputException("the address has no '@' after its local part");
        }
        if (at == 0) {
            throw new InvalidInputException("the address has nothing before the '@'");
        }
        String domain = text.substring(at + 1);
        if (domain.contains("@")) {
            throw new InvalidInputException("the address has more than one '@'");
        }
        if (domain.isEmpty()) {
            throw new InvalidInputException("the address has no domain after the '@'");
        }
        return new MailAddress(text.substring(0, at), domain);
    }

    public boolean isNullSender() {
        return localPart.isEmpty() && domain.isEmpty();
    }

    /** True when the local part is not ASCII: MAIL must then carry SMTPUTF8 (RFC 6531 §3.4). */
    public boolean needsSmtpUtf8() {
        return localPart.chars().anyMatch(c -> c > 127);
    }

    /** The path as written inside angle brackets. */
    @Override
    public String toString() {
        return isNullSender() ? "" : localPart + "@" + domain;
    }

    private static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
