package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Evidence;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Owner;
import dev.mailflow.diagnosis.Reason;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.dns.DnsOutcome;
import dev.mailflow.dns.MxHost;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import dev.mailflow.smtp.SmtpReply;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds real {@link ProbeRun}s with events for tests outside the probe package (web slices). */
public final class TestRuns {

    public static final Instant STARTED = Instant.parse("2026-01-02T03:04:05Z");
    public static final String SESSION = "mx.example.com/192.0.2.25:25";

    private TestRuns() {}

    public static ProbeRequest request() {
        return ProbeRequests.kateAt("example.com");
    }

    public static ProbeRun running(String id) {
        return run(id, request(), null, STARTED, RunArchive.NONE);
    }

    /** The validation a run gets with default settings (DATA allowed, ports 25, 465 and 587). */
    static final ProbeValidation VALIDATION = new ProbeValidation(
            new dev.mailflow.smtp.SmtpProperties(
                    25,
                    "",
                    "",
                    new dev.mailflow.smtp.SmtpProperties.TimeoutSettings(
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(5))),
            new ProbeProperties(4, 2, 4, 10, true, 10, Duration.ofSeconds(1)),
            "probe.contoso.test",
            List.of(25, 465, 587));

    /** A new running run of {@code request}, validated as {@link ProbeService} would. */
    public static ProbeRun run(String id, ProbeRequest request, String owner, Instant started, RunArchive archive) {
        var probe = VALIDATION.validate(request);
        return new ProbeRun(
                id, probe, request.withoutSecrets(), owner, started, System.nanoTime(), archive, RunOrigin.HERE);
    }

    /** A new running run of {@code source}'s request with its plan, sessions and diagnosis, and no events. */
    static ProbeRun sameState(String id, ProbeRun source, String owner, Instant started) {
        var run = run(id, source.request(), owner, started, RunArchive.NONE);
        var state = source.state();
        run.update(s -> new RunState(
                s.status(),
                s.finishedAt(),
                state.plan(),
                state.sessions(),
                s.progress(),
                state.diagnosis(),
                s.posture()));
        return run;
    }

    /** The one session of the runs built here, before its result. */
    static SessionFacts pending() {
        return new SessionFacts(SESSION, "mx.example.com", address("192.0.2.25"), 25, 10, null);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ProbeEvent event(ProbeRun run, String session, Phase phase, ProbeEvent.Kind kind, String text) {
        return run.append(session, phase, kind, text);
    }

    public static ProbeEvent event(
            ProbeRun run, String session, Phase phase, ProbeEvent.Kind kind, String text, EventDetail detail) {
        return run.append(session, phase, kind, text, detail);
    }

    /** A server line that completes its reply, {@code ms} after the command. */
    private static void reply(ProbeRun run, Phase phase, String line, int code, String enhanced, long ms) {
        run.append(SESSION, phase, ProbeEvent.Kind.RECEIVED, line, EventDetail.Reply.of(code, enhanced, ms));
    }

    public static void finish(ProbeRun run, RunStatus status) {
        run.finish(status, STARTED.plusSeconds(3));
    }

    /** A run that reached the server and stopped at a rejected RCPT, not finished yet. */
    public static ProbeRun rejectedRcptRunning(String id, String banner) {
        return rejectedRcptRunning(id, banner, "550 5.1.1 <kate@example.com>: User unknown");
    }

    /** The same, with the RCPT reply's text as given (e.g. hostile server text). */
    public static ProbeRun rejectedRcptRunning(String id, String banner, String rcptReply) {
        var run = running(id);
        var plan = new MxPlan(
                "example.com",
                DnsOutcome.OK,
                List.of(new MxHost(
                        10, "mx.example.com", List.of(address("192.0.2.25")), Duration.ofMillis(3), Set.of())),
                Duration.ofMillis(12),
                null);
        run.update(s -> s.withPlan(plan));
        run.append(null, null, ProbeEvent.Kind.PLAN, "MX 10 mx.example.com [192.0.2.25]");
        run.update(s -> s.withSession(pending()));
        run.append(
                SESSION,
                Phase.CONNECT,
                ProbeEvent.Kind.SESSION,
                "mx.example.com [192.0.2.25]:25",
                new EventDetail.Session("mx.example.com", "192.0.2.25", 25, 10, "contoso.com"));
        reply(run, Phase.BANNER, "220 " + banner, 220, null, 3);
        run.append(SESSION, Phase.EHLO, ProbeEvent.Kind.SENT, "EHLO contoso.com");
        run.append(
                SESSION,
                Phase.EHLO,
                ProbeEvent.Kind.RECEIVED,
                "250-mx.example.com",
                new EventDetail.Reply(250, null, null));
        reply(run, Phase.EHLO, "250 8BITMIME", 250, null, 2);
        run.append(SESSION, Phase.MAIL, ProbeEvent.Kind.SENT, "MAIL FROM:<helpdesk@contoso.com>");
        reply(run, Phase.MAIL, "250 2.1.0 Ok", 250, "2.1.0", 2);
        run.append(SESSION, Phase.RCPT, ProbeEvent.Kind.SENT, "RCPT TO:<kate@example.com>");
        reply(run, Phase.RCPT, rcptReply, 550, "5.1.1", 7);
        run.append(SESSION, Phase.QUIT, ProbeEvent.Kind.SENT, "QUIT");
        reply(run, Phase.QUIT, "221 Bye", 221, null, 1);
        var reply = new SmtpReply(550, new EnhancedStatus(5, 1, 1), List.of(rcptReply), Duration.ofMillis(7), Set.of());
        var result = new SessionResult(
                SessionOutcome.REJECTED,
                Phase.RCPT,
                "Recipient rejected",
                List.of(new Exchange(Phase.RCPT, "RCPT TO:<kate@example.com>", reply)),
                Map.of("8BITMIME", ""),
                null,
                Duration.ofMillis(40));
        run.update(s -> s.withSession(pending().ended(result)));
        run.append(
                SESSION,
                Phase.RCPT,
                ProbeEvent.Kind.OUTCOME,
                "REJECTED in RCPT",
                new EventDetail.Outcome(SessionOutcome.REJECTED, Phase.RCPT));
        var finding = new Finding(
                Severity.CRITICAL,
                "rcpt.unknown-user",
                "The mailbox does not exist",
                List.of("A typo in the address"),
                List.of("Check the address with the recipient"),
                Owner.SENDER,
                new Evidence(SESSION, Phase.RCPT, rcptReply),
                List.of("RFC 3463 §3.2"),
                Reason.RECIPIENT_UNKNOWN);
        run.update(s -> s.withDiagnosis(new Diagnosis(
                Diagnosis.Verdict.BOUNCE, "Mail to kate@example.com would bounce: unknown user", List.of(finding))));
        run.append(
                null,
                null,
                ProbeEvent.Kind.VERDICT,
                "Mail to kate@example.com would bounce: unknown user",
                new EventDetail.Verdict(RunOutcome.BOUNCE));
        run.append(
                null,
                null,
                ProbeEvent.Kind.FINDING,
                "The mailbox does not exist",
                new EventDetail.Finding(0, "rcpt.unknown-user"));
        return run;
    }

    /**
     * Plays a finished run's events into a new running run, one every {@code gap}, on a virtual
     * thread, and finishes it: a live run for streaming tests and manual looks.
     */
    public static ProbeRun replaying(String id, ProbeRun source, Duration gap) {
        var run = sameState(id, source, null, Instant.now());
        Thread.ofVirtual().start(() -> {
            try {
                for (var e : source.events()) {
                    if (e.kind() == ProbeEvent.Kind.DONE) {
                        break;
                    }
                    Thread.sleep(gap);
                    run.append(e.session(), e.phase(), e.kind(), e.text(), e.detail());
                }
                run.finish(source.status(), Instant.now());
            } catch (InterruptedException e) {
                run.finish(RunStatus.INTERRUPTED, Instant.now());
            }
        });
        return run;
    }

    /** The same run, finished. */
    public static ProbeRun rejectedRcpt(String id, String banner) {
        var run = rejectedRcptRunning(id, banner);
        finish(run, RunStatus.COMPLETED);
        return run;
    }

    /**
     * A finished run whose server accepted the recipient, with a warning about its STARTTLS reply
     * (evidence "220 2.0.0 Ready to start TLS"): a deliverable run with nothing failing.
     */
    public static ProbeRun acceptedWithTlsWarning(String id) {
        var run = running(id);
        run.update(s -> s.withSession(pending()));
        run.append(SESSION, Phase.CONNECT, ProbeEvent.Kind.SESSION, "mx.example.com [192.0.2.25]:25");
        var exchanges = List.of(
                exchange(Phase.BANNER, "", 220, "220 mx.example.com ESMTP"),
                exchange(Phase.TLS, "STARTTLS", 220, "220 2.0.0 Ready to start TLS"),
                exchange(Phase.MAIL, "MAIL FROM:<helpdesk@contoso.com>", 250, "250 2.1.0 Ok"),
                exchange(Phase.RCPT, "RCPT TO:<kate@example.com>", 250, "250 2.1.5 Ok"));
        var result = new SessionResult(
                SessionOutcome.COMPLETED,
                Phase.RCPT,
                "stopped after RCPT as planned",
                exchanges,
                Map.of(),
                null,
                Duration.ofMillis(40));
        run.update(s -> s.withSession(pending().ended(result)));
        var warning = new Finding(
                Severity.WARNING,
                "tls.untrusted",
                "mx.example.com presents a certificate that is not trusted",
                List.of("A self-signed certificate"),
                List.of("Install a certificate from a public CA"),
                Owner.RECIPIENT_ADMIN,
                new Evidence(SESSION, Phase.TLS, "220 2.0.0 Ready to start TLS"),
                List.of(),
                null);
        run.update(s -> s.withDiagnosis(new Diagnosis(
                Diagnosis.Verdict.DELIVERABLE, "Mail would be delivered via mx.example.com", List.of(warning))));
        run.append(null, null, ProbeEvent.Kind.FINDING, warning.title());
        run.append(null, null, ProbeEvent.Kind.VERDICT, "Mail would be delivered via mx.example.com");
        finish(run, RunStatus.COMPLETED);
        return run;
    }

    private static Exchange exchange(Phase phase, String command, int code, String line) {
        return new Exchange(phase, command, new SmtpReply(code, null, List.of(line), Duration.ofMillis(3), Set.of()));
    }
}
