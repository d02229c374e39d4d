package dev.mailflow.smtp;

/** How a session uses TLS. */
public enum TlsMode {
    /** STARTTLS when the server offers it; on a failed handshake, reconnect without TLS as an MTA would. */
    OPPORTUNISTIC,
    /** STARTTLS must be offered and succeed, or the session stops in phase TLS. */
    REQUIRED,
    /** Never STARTTLS. */
    NONE,
    /** TLS from the first byte (port 465, RFC 8314). */
    IMPLICIT
}
