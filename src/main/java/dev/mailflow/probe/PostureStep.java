package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnoser;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.posture.PostureCheck;
import dev.mailflow.posture.PostureChecks;
import dev.mailflow.posture.PostureSubject;
import dev.mailflow.posture.SessionSeen;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import java.util.List;
import java.util.Locale;

/**
 * A run's posture: started once the MX plan is known, beside the sessions; each check lands on the
 * run as it finishes; the findings go into the diagnosis at the end.
 */
record PostureStep(PostureChecks checks, Diagnoser diagnoser) {

    /** Starts the checks, or returns null when posture is off or the run has no domain (explicit host). */
    PostureChecks.Started start(ProbeRun run, ValidatedProbe probe, MxPlan plan) {
        if (!checks.enabled() || probe.host() != null || !plan.hasTargets()) {
            return null;
        }
        var from = probe.mailFrom();
        var subject = new PostureSubject(
                plan.domain(),
                plan,
                from.isNullSender() ? null : from.toString(),
                from.isNullSender() ? null : from.domain(),
                probe.ehlo().value());
        run.update(RunState::withPostureExpected);
        return checks.start(subject, check -> publish(run, check));
    }

    /** The addresses {@code mailflow.posture.our-addresses} names as our mail servers; empty when none. */
    List<String> ourServers() {
        return checks.ourServers();
    }

    /** Waits for the rest of the checks; their findings, for the diagnosis (none without checks). */
    List<Finding> finish(ProbeRun run, PostureChecks.Started started) {
        if (started == null) {
            return List.of();
        }
        var report = started.finish(seen(run.sessions()));
        run.update(s -> s.withPostureReport(report));
        return run.state().posture().entries().stream()
                .flatMap(e -> e.findings().stream())
                .toList();
    }

    private void publish(ProbeRun run, PostureCheck check) {
        String evidence =
                check.evidence().isEmpty() ? check.summary() : check.evidence().getFirst();
        var findings = check.notes().stream()
                .map(n -> diagnoser.posture(n.finding(), n.vars(), evidence))
                .toList();
        run.addPosture(
                new PostureEntry(check, findings),
                check.kind() + " " + check.status().name().toLowerCase(Locale.ROOT)
                        + (check.subject().isEmpty() ? "" : " " + check.subject()) + ": " + check.summary());
    }

    private static List<SessionSeen> seen(List<SessionFacts> sessions) {
        return sessions.stream()
                .filter(s -> s.result() != null)
                .map(s -> {
                    var result = s.result();
                    Boolean starttls = result.extensions().isEmpty()
                            ? null
                            : result.extensions().containsKey("STARTTLS");
                    boolean connectTimedOut =
                            result.outcome() == SessionOutcome.TIMED_OUT && result.phase() == Phase.CONNECT;
                    return new SessionSeen(s.host(), s.addressText(), connectTimedOut, starttls, result.tls());
                })
                .toList();
    }
}
