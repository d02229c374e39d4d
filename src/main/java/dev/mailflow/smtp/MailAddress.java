package dev.mailflow.smtp;

/**
 * A mailbox as it may appear in MAIL FROM or RCPT TO (RFC 5321 §4.1.2), checked for syntax and
 * the §4.5.3.1 length limits. Contains no CR, LF or NUL by construction.
 */
public record MailAddress(String localPart, String domain) {

    /** The null reverse-path, {@code MAIL FROM:<>}. */
    public static final MailAddress NULL_SENDER = new MailAddress("", "");

    /** Parses and validates {@code local@domain}; throws {@link InvalidInputException} with the reason. */
    public static MailAddress parse(String text) {
        throw new UnsupportedOperationException("built in the smtp package work");
    }

    public boolean isNullSender() {
        return localPart.isEmpty() && domain.isEmpty();
    }

    /** The path as written inside angle brackets. */
    @Override
    public String toString() {
        return isNullSender() ? "" : localPart + "@" + domain;
    }
}
