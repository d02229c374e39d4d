package dev.mailflow.web;

import dev.mailflow.dns.MxPlan;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.probe.RunState;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.TlsMode;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every session of a run side by side: one row per (MX host, address), one column per phase, each
 * cell with what happened there and how long the server took to reply. A running session fills in
 * phase by phase from the replies it has had so far. Words carry the state, so the table reads the
 * same without colour.
 *
 * @param phases the columns: CONNECT to RCPT, plus TLS, AUTH and DATA when the request may reach
 *     them (reserved from the start, so the table does not shift while the run goes on)
 * @param ties MX preferences shared by several hosts (RFC 5321 §5.1: the sender picks at random)
 */
record SessionMatrix(List<Phase> phases, List<Row> rows, List<MxPlan.Tie> ties) {

    private static final Set<Phase> ALWAYS =
            EnumSet.of(Phase.CONNECT, Phase.BANNER, Phase.EHLO, Phase.MAIL, Phase.RCPT);

    private static final Set<Phase> COLUMNS = EnumSet.range(Phase.CONNECT, Phase.DATA);

    static SessionMatrix of(RunSnapshot run) {
        return of(run.state(), run.request());
    }

    static SessionMatrix of(RunState state, ProbeRequest request) {
        return of(state.sessions(), state.progress(), reserved(request), state.plan());
    }

    /** The columns a request may reach, known before any session starts. */
    static Set<Phase> reserved(ProbeRequest request) {
        var phases = EnumSet.noneOf(Phase.class);
        if (request.tls() != TlsMode.NONE) {
            phases.add(Phase.TLS);
        }
        if (request.auth() != null) {
            phases.add(Phase.AUTH);
        }
        if (request.quitAfter() == Phase.DATA) {
            phases.add(Phase.DATA);
        }
        return phases;
    }

    static SessionMatrix of(
            List<SessionFacts> sessions,
            Map<String, List<Exchange>> progress,
            Set<Phase> reserved,
            Optional<MxPlan> plan) {
        var shown = EnumSet.copyOf(ALWAYS);
        shown.addAll(reserved);
        for (var session : sessions) {
            var result = session.result();
            if (result == null) {
                continue;
            }
            if (COLUMNS.contains(result.phase())) {
                shown.add(result.phase());
            }
            result.exchanges().stream()
                    .map(Exchange::phase)
                    .filter(COLUMNS::contains)
                    .forEach(shown::add);
            if (result.tls() != null) {
                shown.add(Phase.TLS);
            }
        }
        var phases = List.copyOf(shown);
        var rows = sessions.stream()
                .sorted(Comparator.comparingInt(SessionFacts::preference))
                .map(s -> Row.of(s, progress.getOrDefault(s.key(), List.of()), phases))
                .toList();
        return new SessionMatrix(phases, rows, plan.map(MxPlan::ties).orElse(List.of()));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * One session.
     *
     * @param family {@code IPv4} or {@code IPv6}
     * @param outcome the outcome in words ("completed", "refused"), or "running"
     */
    record Row(
            int preference,
            String host,
            String address,
            String family,
            int port,
            String outcome,
            String state,
            String endedIn,
            List<Cell> cells) {

        static Row of(SessionFacts session, List<Exchange> progress, List<Phase> phases) {
            var result = session.result();
            var family = "IPv" + session.ipVersion();
            var cells = phases.stream()
                    .map(p -> result == null ? Cell.live(progress, p) : Cell.of(result, p))
                    .toList();
            var running = result == null;
            return new Row(
                    session.preference(),
                    session.host(),
                    session.addressText(),
                    family,
                    session.port(),
                    running ? "running" : words(result.outcome()),
                    running ? "pending" : SessionMatrix.state(result.outcome()),
                    running ? null : result.phase().name(),
                    cells);
        }
    }

    /** A deferral is amber, like the verdict it leads to; every other end but completion is red. */
    static String state(SessionOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "ok";
            case DEFERRED -> "warn";
            default -> "fail";
        };
    }

    static String words(SessionOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
