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

    /**
     * Whether a sending MTA gives up on this address and tries the next one (RFC 5321 §5.1,
     * §4.5.4.1): it could not connect, the connection failed before the mail transaction began, or
     * the greeting deferred.
     */
    public boolean senderTriesNextAddress() {
        return switch (outcome) {
            case REFUSED, UNREACHABLE, POLICY_REFUSED -> true;
            case TIMED_OUT, DEADLINE, CLOSED, TLS_FAILED -> phase.compareTo(Phase.MAIL) < 0;
            case DEFERRED -> phase == Phase.BANNER;
            default -> false;
        };
    }
}
