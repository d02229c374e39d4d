package dev.mailflow.smtp;

import dev.mailflow.tls.TlsFacts;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How one session ended and what it saw.
 *
 * @param phase the phase the session ended in (the stop-point when completed)
 * @param detail a short human sentence on why it ended (e.g. "Connection refused")
 * @param extensions EHLO keywords (upper case) with their parameters, from the last EHLO
 * @param tls the TLS facts when a handshake was attempted, else null
 */
public record SessionResult(
        SessionOutcome outcome,
        Phase phase,
        String detail,
        List<Exchange> exchanges,
        Map<String, String> extensions,
        TlsFacts tls,
        Duration took) {

    public SessionResult {
        exchanges = List.copyOf(exchanges);
        extensions = Map.copyOf(extensions);
    }
}
