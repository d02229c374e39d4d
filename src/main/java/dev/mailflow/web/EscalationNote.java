package dev.mailflow.web;

import dev.mailflow.diagnosis.Actor;
import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.text.UntrustedText;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A run as a note to paste into a ticket or send to the other side's postmaster: when (UTC), from
 * where (our egress address and EHLO name), to where (MX host and address), the exchange that failed
 * with the server's full reply, and the top finding. Server text is quoted verbatim with control
 * characters shown, never written, as in {@link TranscriptText}.
 */
final class EscalationNote {

    static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** A hostile server can send long replies; a note quotes at most this many lines of one. */
    static final int MAX_REPLY_LINES = 40;

    private EscalationNote() {}

    static String of(RunSnapshot run) {
        var diagnosis = run.diagnosis();
        var top = diagnosis.flatMap(d -> d.findings().stream().findFirst());
        var session = failingSession(run, top.orElse(null));
        var sb = new StringBuilder();
        sb.append("mailflow test of ")
                .append(UntrustedText.visible(RunView.target(run.probe())))
                .append('\n');
        line(sb, "Time", UTC.format(run.startedAt()) + " (run " + run.id() + ", " + run.status() + ")");
        line(sb, "From (our address)", egress(run, session).orElse("unknown: no connection was established"));
        line(sb, "EHLO name", ehlo(run, session));
        var from = run.probe().mailFrom();
        line(sb, "Sender", from.isNullSender() ? "<> (the null sender)" : from.toString());
        line(
                sb,
                "Recipients",
                String.join(
                        ", ", run.probe().rcptTo().stream().map(String::valueOf).toList()));
        session.ifPresentOrElse(
                s -> {
                    line(sb, "MX host", s.host() + (s.preference() > 0 ? " (preference " + s.preference() + ")" : ""));
                    line(sb, "Address tried", s.addressText() + " port " + s.port());
                    if (s.result() != null) {
                        line(
                                sb,
                                "Outcome",
                                s.result().outcome() + " in " + s.result().phase() + ": "
                                        + s.result().detail());
                    }
                },
                () -> line(sb, "MX host", "none was tried"));
        diagnosis.map(Diagnosis::verdict).ifPresent(v -> line(sb, "Verdict", v));

        var exchange = session.flatMap(s -> failingExchange(s, top.orElse(null)));
        // Only a refusal is "failing"; a warning about a positive reply quotes it as evidence.
        var failing = exchange.map(e -> e.reply().codeClass() == 4 || e.reply().codeClass() == 5)
                .orElse(true);
        sb.append(failing ? "\nFailing exchange:\n" : "\nEvidence:\n");
        exchange.ifPresentOrElse(
                e -> exchange(sb, e),
                () -> sb.append("  (no SMTP reply: ")
                        .append(session.flatMap(s -> Optional.ofNullable(s.result()))
                                .map(r -> r.outcome() + " in " + r.phase() + ": " + r.detail())
                                .orElse("no session ran"))
                        .append(")\n"));

        top.ifPresent(f -> finding(sb, f));
        return sb.toString();
    }

    /** The session the top finding points at, else the first that did not complete, else the last. */
    static Optional<SessionFacts> failingSession(RunSnapshot run, Finding top) {
        var sessions = run.sessions();
        var key = top == null || top.evidence() == null ? null : top.evidence().session();
        return sessions.stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .or(() -> sessions.stream()
                        .filter(s -> s.result() != null && s.result().outcome() != SessionOutcome.COMPLETED)
                        .findFirst())
                .or(() -> sessions.isEmpty() ? Optional.empty() : Optional.of(sessions.getLast()));
    }

    /** The exchange quoted as the finding's evidence, else the last 4xx/5xx reply, else the last reply. */
    static Optional<Exchange> failingExchange(SessionFacts session, Finding top) {
        if (session.result() == null) {
            return Optional.empty();
        }
        var exchanges = session.result().exchanges().stream()
                .filter(e -> e.reply() != null && e.phase() != Phase.QUIT)
                .toList();
        var evidence = top == null ? null : top.evidence();
        return exchanges.stream()
                .filter(e -> evidence != null
                        && e.phase() == evidence.phase()
                        && !e.reply().lines().isEmpty()
                        && e.reply().lines().getFirst().equals(evidence.line()))
                .findFirst()
                .or(() -> exchanges.stream()
                        .filter(e -> e.reply().codeClass() == 4 || e.reply().codeClass() == 5)
                        .reduce((a, b) -> b))
                .or(() -> exchanges.isEmpty() ? Optional.empty() : Optional.of(exchanges.getLast()));
    }

    /** Our end of the connection, as the session's connect recorded it (else another session's). */
    static Optional<String> egress(RunSnapshot run, Optional<SessionFacts> session) {
        var key = session.map(SessionFacts::key).orElse(null);
        return run.events().stream()
                .filter(e -> e.detail() instanceof EventDetail.Connected)
                .sorted(Comparator.comparing((ProbeEvent e) -> !Objects.equals(e.session(), key)))
                .map(e -> {
                    var address = UntrustedText.visible(
                            e.detail(EventDetail.Connected.class).local());
                    return Objects.equals(e.session(), key) ? address : address + " (seen on " + e.session() + ")";
                })
                .findFirst();
    }

    /** The EHLO name the session greeted with (every session of a run uses the same). */
    private static String ehlo(RunSnapshot run, Optional<SessionFacts> session) {
        var key = session.map(SessionFacts::key).orElse(null);
        return run.events().stream()
                .filter(e -> key == null || key.equals(e.session()))
                .map(e -> e.detail(EventDetail.Session.class))
                .filter(Objects::nonNull)
                .map(EventDetail.Session::ehlo)
                .findFirst()
                .orElseGet(() -> run.probe().ehlo().value());
    }

    private static void exchange(StringBuilder sb, Exchange exchange) {
        var command = exchange.command() == null || exchange.command().isEmpty()
                ? "(connection opened; the server greets first)"
                : exchange.command();
        sb.append("  C: ").append(UntrustedText.visible(command)).append('\n');
        var lines = exchange.reply().lines();
        lines.stream()
                .limit(MAX_REPLY_LINES)
                .forEach(
                        l -> sb.append("  S: ").append(UntrustedText.visible(l)).append('\n'));
        if (lines.size() > MAX_REPLY_LINES) {
            sb.append("  (").append(lines.size() - MAX_REPLY_LINES).append(" more lines)\n");
        }
    }

    private static void finding(StringBuilder sb, Finding f) {
        sb.append("\nFinding: ")
                .append(UntrustedText.visible(f.title()))
                .append(" [")
                .append(word(f.severity().name()))
                .append("]\n");
        if (f.reason() != null) {
            line(sb, "Reason", f.reason().words());
        }
        line(sb, "Who must act", Actor.of(f).words());
        list(sb, "Likely causes", f.causes());
        list(sb, "What to do", f.fixes());
        if (!f.refs().isEmpty()) {
            line(sb, "References", String.join("; ", f.refs()));
        }
    }

    private static void list(StringBuilder sb, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append(title).append(":\n");
        for (int i = 0; i < items.size(); i++) {
            sb.append("  ")
                    .append(i + 1)
                    .append(". ")
                    .append(UntrustedText.visible(items.get(i)))
                    .append('\n');
        }
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(String.format("%-20s", name + ":"))
                .append(UntrustedText.visible(value))
                .append('\n');
    }

    private static String word(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
