package dev.mailflow.web;

import dev.mailflow.dns.MxPlan;
import dev.mailflow.probe.SessionRecord;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every session of a run side by side: one row per (MX host, address), one column per phase, each
 * cell with what happened there and how long the server took to reply. Words carry the state, so
 * the table reads the same without colour.
 *
 * @param phases the columns: the phases any session reached, CONNECT to DATA
 * @param ties MX preferences shared by several hosts (RFC 5321 §5.1: the sender picks at random)
 */
record SessionMatrix(List<Phase> phases, List<Row> rows, List<MxPlan.Tie> ties) {

    /** Columns always shown; TLS, AUTH and DATA only when a session went there. */
    private static final Set<Phase> ALWAYS =
            EnumSet.of(Phase.CONNECT, Phase.BANNER, Phase.EHLO, Phase.MAIL, Phase.RCPT);

    private static final Set<Phase> COLUMNS = EnumSet.range(Phase.CONNECT, Phase.DATA);

    static SessionMatrix of(List<SessionRecord> sessions, Optional<MxPlan> plan) {
        var shown = EnumSet.copyOf(ALWAYS);
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
                .sorted(Comparator.comparingInt(SessionRecord::preference))
                .map(s -> Row.of(s, phases))
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

        static Row of(SessionRecord session, List<Phase> phases) {
            var result = session.result();
            var family = session.address().contains(":") ? "IPv6" : "IPv4";
            var cells = phases.stream().map(p -> Cell.of(result, p)).toList();
            if (result == null) {
                return new Row(
                        session.preference(),
                        session.host(),
                        session.address(),
                        family,
                        session.port(),
                        "running",
                        "pending",
                        null,
                        cells);
            }
            return new Row(
                    session.preference(),
                    session.host(),
                    session.address(),
                    family,
                    session.port(),
                    words(result.outcome()),
                    result.outcome() == SessionOutcome.COMPLETED ? "ok" : "fail",
                    result.phase().name(),
                    cells);
        }
    }

    /**
     * One phase of one session.
     *
     * @param state {@code ok}, {@code fail}, {@code skipped} (passed without a command, e.g. no
     *     TLS), {@code none} (not reached) or {@code pending}; also the CSS class
     * @param word what the cell says: a reply code, an outcome, or a state word
     * @param ms the server's reply time in this phase, summed over its replies; null without one
     */
    record Cell(String state, String word, Long ms) {

        static Cell of(SessionResult result, Phase phase) {
            if (result == null) {
                return new Cell("pending", "…", null);
            }
            var here =
                    result.exchanges().stream().filter(x -> x.phase() == phase).toList();
            Long ms = here.isEmpty()
                    ? null
                    : here.stream()
                            .mapToLong(x -> x.reply().took() == null
                                    ? 0
                                    : x.reply().took().toMillis())
                            .sum();
            var code = here.isEmpty()
                    ? null
                    : String.valueOf(here.getLast().reply().code());
            int order = phase.compareTo(result.phase());
            boolean failedHere = order == 0 && result.outcome() != SessionOutcome.COMPLETED;
            if (failedHere) {
                return new Cell(
                        "fail", code == null ? words(result.outcome()) : code + " " + words(result.outcome()), ms);
            }
            if (order > 0) {
                return new Cell("none", "not reached", null);
            }
            if (code != null) {
                return new Cell(
                        "ok",
                        phase == Phase.TLS
                                        && result.tls() != null
                                        && result.tls().protocol() != null
                                ? code + " " + result.tls().protocol()
                                : code,
                        ms);
            }
            if (phase == Phase.CONNECT) {
                return new Cell("ok", "connected", null);
            }
            return new Cell("skipped", "skipped", null);
        }
    }

    static String words(SessionOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
