package dev.mailflow.smtp;

/** How a session ended; always paired with the {@link Phase} it ended in. */
public enum SessionOutcome {
    /** Every step up to the stop-point got a positive reply. */
    COMPLETED,
    /** The server answered a step with a 5xx reply. */
    REJECTED,
    /** The server answered a step with a 4xx reply (421 included). */
    DEFERRED,
    /** TCP connection refused (RST): nothing listens, or a firewall rejects. */
    REFUSED,
    /** No answer within the step's timeout (connect, banner or command). */
    TIMED_OUT,
    /** The session's total deadline passed (e.g. a server that drips bytes). */
    DEADLINE,
    /** No route to the host, network unreachable, or similar ICMP-reported failures. */
    UNREACHABLE,
    /** The address or port is refused by mailflow's target policy; nothing was sent. */
    POLICY_REFUSED,
    /** The TLS handshake failed, or TLS was required and not offered. */
    TLS_FAILED,
    /** The server closed the connection unexpectedly. */
    CLOSED,
    /** The server's reply could not be understood (malformed, or an injection attempt). */
    PROTOCOL_ERROR,
    /** mailflow itself failed, or the run was interrupted. */
    ERROR
}
