package dev.mailflow.smtp;

import dev.mailflow.tls.TlsFacts;

/**
 * Receives every line of a session as it happens. Implementations must be cheap and must not throw;
 * the probe turns each call into a {@code ProbeEvent}.
 */
public interface SessionListener {

    /** A line the client sent, without CRLF (credentials already redacted). */
    void sent(Phase phase, String line);

    /** A line the server sent, as it arrives. */
    void received(Phase phase, ServerLine line);

    /** mailflow's own note: what it is doing or why it stopped. */
    void note(Phase phase, String text);

    /** The connection opened; a note in the transcript unless the listener keeps it as a fact. */
    default void connected(Connected connected) {
        note(Phase.CONNECT, connected.note());
    }

    /** A complete reply, after its lines were passed to {@link #received}. */
    default void reply(Phase phase, SmtpReply reply) {}

    /** The result of a TLS handshake, successful or not. */
    default void tls(TlsFacts facts) {}
}
