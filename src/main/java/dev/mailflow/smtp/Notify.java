package dev.mailflow.smtp;

/** DSN NOTIFY values of RCPT TO (RFC 3461 §4.1); NEVER stands alone. */
public enum Notify {
    SUCCESS,
    FAILURE,
    DELAY,
    NEVER
}
