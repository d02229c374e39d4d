package dev.mailflow.mail;

/**
 * The argument of EHLO/HELO: a domain or an address literal (RFC 5321 §4.1.1.1). The domain is kept
 * in A-label form; the canonical constructor validates, so every instance is safe to send.
 */
public record EhloName(String value) {

    public EhloName {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("the EHLO name is empty");
        }
        DomainSyntax.refuseHostileCharacters(value, "the EHLO name");
        value = DomainSyntax.domainOrLiteral(value, "the EHLO name");
    }

    /** Parses and validates; throws {@link InvalidInputException} with the reason. */
    public static EhloName parse(String text) {
        return new EhloName(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
