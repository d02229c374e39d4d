package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Reason;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.tls.TlsFacts;
import java.util.List;

/**
 * One session of the JSON result. The transcript comes from the run's events (so it is complete
 * even for a running session); outcome, TLS and replies from the session's result once it ended.
 */
record SessionReport(
        String host,
        String address,
        int port,
        SessionOutcome outcome,
        Phase phase,
        List<Line> transcript,
        TlsFacts tls,
        List<Reply> replies) {

    /** @param knowledge reads each failing reply's reason, with the classifier the diagnosis uses */
    static SessionReport of(SessionFacts session, List<ProbeEvent> events, Knowledge knowledge) {
        var transcript = events.stream()
                .filter(e -> session.key().equals(e.session()))
                .filter(e -> e.kind() != ProbeEvent.Kind.SESSION)
                .map(e -> new Line(e.at(), Direction.of(e.kind()).letter(), e.text()))
                .toList();
        var result = session.result();
        if (result == null) {
            return new SessionReport(
                    session.host(), session.addressText(), session.port(), null, null, transcript, null, List.of());
        }
        var replies = result.exchanges().stream()
                .map(x -> new Reply(
                        x.phase(),
                        x.reply().code(),
                        x.reply().enhancedStatus().map(Object::toString).orElse(null),
                        x.reply().text(),
                        x.reply().took() == null ? 0 : x.reply().took().toMillis(),
                        knowledge.reason(x.reply(), x.phase())))
                .toList();
        return new SessionReport(
                session.host(),
                session.addressText(),
                session.port(),
                result.outcome(),
                result.phase(),
                transcript,
                result.tls(),
                replies);
    }

    /** @param dir {@code C} sent by mailflow, {@code S} received from the server, {@code I} mailflow's note */
    record Line(long at, String dir, String text) {}

    /** @param reason why a 4xx or 5xx reply refused; null for the others */
    record Reply(Phase phase, int code, String enhanced, String text, long ms, Reason reason) {}
}
