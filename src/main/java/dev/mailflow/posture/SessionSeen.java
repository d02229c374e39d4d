package dev.mailflow.posture;

import dev.mailflow.tls.TlsFacts;

/**
 * What one SMTP session of the run saw, as far as the posture cares.
 *
 * @param connectTimedOut whether the session ended because the TCP connect timed out
 * @param starttlsOffered whether EHLO listed STARTTLS (null when the session never got that far)
 * @param tls the TLS facts when a handshake was attempted, else null
 */
public record SessionSeen(
        String host, String address, boolean connectTimedOut, Boolean starttlsOffered, TlsFacts tls) {}
