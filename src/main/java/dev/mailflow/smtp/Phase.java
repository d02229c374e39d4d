package dev.mailflow.smtp;

/** The steps of an SMTP session, in the order a client walks them (RFC 5321 §3). */
public enum Phase {
    CONNECT,
    BANNER,
    EHLO,
    TLS,
    AUTH,
    MAIL,
    RCPT,
    DATA,
    QUIT
}
