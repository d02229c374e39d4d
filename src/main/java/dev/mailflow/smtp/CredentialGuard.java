package dev.mailflow.smtp;

import dev.mailflow.tls.TlsFacts;

/**
 * Credentials go only over TLS that protects them: a certificate that is trusted and names the
 * server (the MX host, or the host the user gave). Anything else may be a man in the middle, and
 * RFC 4954 §4 leaves that check to the client. A request may opt in for a lab server; the
 * transcript then says so in words nobody can miss.
 */
final class CredentialGuard {

    private CredentialGuard() {}

    /**
     * @param tls the facts of this session's handshake; null when there was none (the
     *     authentication step itself refuses that)
     * @throws SessionStop TLS_FAILED in AUTH, before anything is sent, when the TLS does not qualify
     */
    static void check(TlsFacts tls, String serverName, SessionOptions.Credentials credentials, SessionListener listener)
            throws SessionStop {
        if (tls == null) {
            return;
        }
        String why = null;
        if (!tls.trusted()) {
            why = "its certificate is not trusted ("
                    + (tls.trustProblem() == null ? "unknown issuer" : tls.trustProblem()) + ")";
        } else if (!Boolean.TRUE.equals(tls.hostnameMatches())) {
            why = "its certificate does not name " + serverName;
        }
        if (why == null) {
            return;
        }
        if (!credentials.overUntrustedTls()) {
            throw new SessionStop(
                    SessionOutcome.TLS_FAILED,
                    Phase.AUTH,
                    "credentials not sent: the TLS of " + serverName + " does not protect them, as " + why);
        }
        listener.note(
                Phase.AUTH,
                "WARNING: sending credentials over TLS that does not protect them, as " + why
                        + "; the request asked for it (auth.untrustedTls)");
    }
}
