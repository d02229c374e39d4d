package dev.mailflow.smtp;

/** What a DSN returns of the message (RFC 3461 §4.3): all of it, or only its headers. */
public enum Ret {
    FULL,
    HDRS
}
