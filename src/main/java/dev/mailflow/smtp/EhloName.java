package dev.mailflow.smtp;

/** The argument of EHLO/HELO: a domain or an address literal (RFC 5321 §4.1.1.1). */
public record EhloName(String value) {

    /** Parses and validates; throws {@link InvalidInputException} with the reason. */
    public static EhloName parse(String text) {
        throw new UnsupportedOperationException("built in the smtp package work");
    }

    @Override
    public String toString() {
        return value;
    }
}
