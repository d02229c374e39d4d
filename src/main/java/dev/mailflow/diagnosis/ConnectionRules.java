package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Findings about reaching the servers: refused, timed out, unreachable, tarpits, postscreen, and the
 * correlations across sessions (every MX timed out, nolisting), plus our own EHLO name.
 */
final class ConnectionRules {

    static final String PORT25_BLOCKED = "connect.port25-blocked";

    /** Beyond this a greeting is deliberately delayed; RFC 5321 §4.5.3.2.1 lets senders wait 5 min. */
    static final Duration GREETING_DELAY = Duration.ofSeconds(15);

    private final Wording wording;

    ConnectionRules(Wording wording) {
        this.wording = wording;
    }

    List<Finding> findings(RunFacts run) {
        var sessions = SessionView.of(run);
        var findings = new ArrayList<Finding>();
        var anyGreeted = sessions.stream().anyMatch(SessionView::greeted);
        if (!sessions.isEmpty() && sessions.stream().allMatch(ConnectionRules::timedOutOnConnect)) {
            // Every MX silent at once is far likelier our own network than all of theirs.
            var first = sessions.getFirst();
            findings.add(wording.finding(PORT25_BLOCKED, null, first.outcomeEvidence(), first.vars()));
        }
        var nolisting = nolisting(sessions);
        nolisting.ifPresent(primary ->
                findings.add(wording.finding("connect.nolisting", null, primary.outcomeEvidence(), primary.vars())));
        var lowest =
                sessions.stream().mapToInt(s -> s.facts().preference()).min().orElse(0);
        for (var session : sessions) {
            // A failure matters less when another server took the conversation, and not at all
            // when it is the deliberate dead primary of a nolisting setup.
            var severity = !anyGreeted
                    ? Severity.CRITICAL
                    : nolisting.isPresent() && session.facts().preference() == lowest
                            ? Severity.INFO
                            : Severity.WARNING;
            failureId(session)
                    .ifPresent(id -> findings.add(
                            wording.finding(id, capped(id, severity), session.outcomeEvidence(), session.vars())));
            banner(session, findings);
            if (session.outcome() == SessionOutcome.COMPLETED && session.phase().compareTo(Phase.RCPT) < 0) {
                var last = session.exchanges().isEmpty()
                        ? session.outcomeEvidence()
                        : session.evidence(session.exchanges().getLast());
                findings.add(wording.finding("session.completed", null, last, session.vars()));
            }
        }
        ehloName(run, sessions, findings);
        return findings;
    }

    /**
     * A greeting or a reply that did not come within our timeouts may still have come within the
     * minutes a real sender waits (RFC 5321 §4.5.3.2): a warning to look into, never a lost mail.
     */
    private static Severity capped(String id, Severity severity) {
        var oursMayBeShorter = id.equals("banner.timeout") || id.equals("session.deadline");
        return oursMayBeShorter && severity == Severity.CRITICAL ? Severity.WARNING : severity;
    }

    private static Optional<String> failureId(SessionView session) {
        var id = switch (session.outcome()) {
            case REFUSED -> "connect.refused";
            case TIMED_OUT ->
                switch (session.phase()) {
                    case CONNECT -> "connect.timeout";
                    case BANNER -> "banner.timeout";
                    default -> "session.deadline";
                };
            case UNREACHABLE -> "connect.unreachable";
            case POLICY_REFUSED -> "connect.policy-refused";
            case DEADLINE -> "session.deadline";
            case CLOSED -> "session.closed";
            case PROTOCOL_ERROR -> "session.protocol-error";
            case ERROR -> "session.error";
            default -> null;
        };
        return Optional.ofNullable(id);
    }

    private void banner(SessionView session, List<Finding> findings) {
        session.banner().ifPresent(banner -> {
            var reply = banner.reply();
            var vars = new HashMap<>(session.vars());
            if (reply.took() != null && reply.took().compareTo(GREETING_DELAY) > 0) {
                vars.put("seconds", String.valueOf(reply.took().toSeconds()));
                findings.add(wording.finding("banner.greeting-delay", null, session.evidence(banner), vars));
            }
            // postscreen's pregreet test: "220-" lines first, then a pause before the final "220 ".
            if (reply.lines().size() > 1 && reply.lines().getFirst().startsWith("220-")) {
                findings.add(wording.finding("banner.postscreen", null, session.evidence(banner), vars));
            }
        });
    }

    private void ehloName(RunFacts run, List<SessionView> sessions, List<Finding> findings) {
        var ehlo = run.ehlo();
        if (ehlo == null || ehlo.isBlank() || ehlo.startsWith("[")) {
            return;
        }
        var name = ehlo.toLowerCase(Locale.ROOT);
        // RFC 5321 §4.1.1.1: the EHLO argument is the client's fully qualified domain name.
        if (name.contains(".") && !name.equals("localhost") && !name.startsWith("localhost.")) {
            return;
        }
        var evidence = sessions.stream()
                .flatMap(s -> s.exchanges().stream()
                        .filter(e -> e.phase() == Phase.EHLO)
                        .map(e -> s.evidence(Phase.EHLO, e.command())))
                .findFirst()
                .orElse(new Evidence(null, Phase.EHLO, "EHLO " + SessionView.bounded(ehlo)));
        findings.add(wording.finding("ehlo.not-fqdn", null, evidence, Map.of("ehlo", SessionView.bounded(ehlo))));
    }

    /** The primary MX failed to connect on every address while a backup MX greeted us. */
    private static Optional<SessionView> nolisting(List<SessionView> sessions) {
        if (sessions.isEmpty()) {
            return Optional.empty();
        }
        var lowest =
                sessions.stream().mapToInt(s -> s.facts().preference()).min().getAsInt();
        var primaries =
                sessions.stream().filter(s -> s.facts().preference() == lowest).toList();
        var backupGreeted = sessions.stream().anyMatch(s -> s.facts().preference() > lowest && s.greeted());
        if (backupGreeted && primaries.stream().allMatch(SessionView::failedToConnect)) {
            return Optional.of(primaries.getFirst());
        }
        return Optional.empty();
    }

    static boolean timedOutOnConnect(SessionView session) {
        return session.outcome() == SessionOutcome.TIMED_OUT && session.phase() == Phase.CONNECT;
    }
}
