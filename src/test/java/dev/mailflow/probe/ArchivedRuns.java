package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.dns.DnsOutcome;
import dev.mailflow.dns.HostLiteral;
import dev.mailflow.dns.MxHost;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import dev.mailflow.smtp.SmtpReply;
import dev.mailflow.smtp.TlsMode;
import dev.mailflow.tls.TlsFacts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs played through a {@link RunArchive} the way the engine plays them: the archive is told of
 * the start, every event, every change of state and the end, from the run itself.
 */
public final class ArchivedRuns {

    private ArchivedRuns() {}

    /** How the server of a recorded run answers, and on which port. */
    public record Server(String address, int rcptCode, String tlsProtocol, String certificateSha256, int port) {

        public Server(String address, int rcptCode, String tlsProtocol, String certificateSha256) {
            this(address, rcptCode, tlsProtocol, certificateSha256, 25);
        }

        /** The same server answering on another port. */
        public Server on(int other) {
            return new Server(address, rcptCode, tlsProtocol, certificateSha256, other);
        }
    }

    public static final Server UNKNOWN_USER = new Server("192.0.2.25", 550, "TLSv1.3", "aa11");

    public static ProbeRequest request(String domain) {
        return ProbeRequests.kateAt(domain);
    }

    /** A finished run that named only its domain (so it asks for postmaster). */
    public static ProbeRun domainOnly(String id, String owner, String domain, Instant started, RunArchive archive) {
        var request = ProbeRequests.request(r -> {
            r.domain = domain;
            r.mailFrom = "helpdesk@contoso.com";
            r.port = 25;
            r.ehlo = "contoso.com";
            r.tls = TlsMode.OPPORTUNISTIC;
            r.quitAfter = Phase.RCPT;
            r.allMx = true;
        });
        var run = TestRuns.run(id, request, owner, started, archive);
        archive.started(run);
        run.finish(RunStatus.COMPLETED, started.plusSeconds(1));
        return run;
    }

    /** A running run up to its RCPT reply: plan, session, transcript lines, no result yet. */
    public static ProbeRun running(String id, String owner, String domain, Instant started, RunArchive archive) {
        var run = TestRuns.run(id, request(domain), owner, started, archive);
        archive.started(run);
        run.update(s -> s.withPlan(plan(domain, UNKNOWN_USER.address())));
        run.append(null, null, ProbeEvent.Kind.PLAN, "MX 10 mx." + domain);
        var key = SessionFacts.key(
                "mx." + domain, HostLiteral.parse(UNKNOWN_USER.address()).orElseThrow(), 25);
        run.update(s -> s.withSession(new SessionFacts(
                key, "mx." + domain, HostLiteral.parse(UNKNOWN_USER.address()).orElseThrow(), 25, 10, null)));
        run.append(
                key, Phase.CONNECT, ProbeEvent.Kind.SESSION, "mx." + domain + " [" + UNKNOWN_USER.address() + "]:25");
        run.append(key, Phase.BANNER, ProbeEvent.Kind.RECEIVED, "220 mx." + domain + " ESMTP");
        run.append(key, Phase.RCPT, ProbeEvent.Kind.SENT, "RCPT TO:<kate@" + domain + ">");
        return run;
    }

    /** Ends a {@link #running} run: the server rejects the recipient and the verdict is BOUNCE. */
    public static ProbeRun finishRunning(ProbeRun run) {
        var session = run.sessions().getFirst();
        var line = "550 5.1.1 User unknown";
        run.append(session.key(), Phase.RCPT, ProbeEvent.Kind.RECEIVED, line);
        var reply = new SmtpReply(550, new EnhancedStatus(5, 1, 1), List.of(line), Duration.ofMillis(7), Set.of());
        var result = new SessionResult(
                SessionOutcome.REJECTED,
                Phase.RCPT,
                null,
                List.of(new Exchange(Phase.RCPT, "RCPT TO:<kate@" + run.domain() + ">", reply)),
                Map.of(),
                null,
                Duration.ofMillis(40));
        run.update(s -> s.withSession(session.ended(result)));
        run.append(session.key(), Phase.RCPT, ProbeEvent.Kind.OUTCOME, "REJECTED in RCPT");
        run.update(s -> s.withDiagnosis(
                new Diagnosis(Diagnosis.Verdict.BOUNCE, "Mail to kate@" + run.domain() + " would bounce", List.of())));
        run.append(null, null, ProbeEvent.Kind.VERDICT, "Mail to kate@" + run.domain() + " would bounce");
        run.finish(RunStatus.COMPLETED, run.startedAt().plusSeconds(2));
        return run;
    }

    /** A complete run that ended with {@code server}'s RCPT reply; the verdict follows its code. */
    public static ProbeRun completed(
            String id, String owner, String domain, Instant started, Server server, RunArchive archive) {
        var run = TestRuns.run(id, request(domain), owner, started, archive);
        archive.started(run);
        run.update(s -> s.withPlan(plan(domain, server.address())));
        run.append(null, null, ProbeEvent.Kind.PLAN, "MX 10 mx." + domain);
        var address = HostLiteral.parse(server.address()).orElseThrow();
        var key = SessionFacts.key("mx." + domain, address, server.port());
        var session = new SessionFacts(key, "mx." + domain, address, server.port(), 10, null);
        run.update(s -> s.withSession(session));
        run.append(
                key,
                Phase.CONNECT,
                ProbeEvent.Kind.SESSION,
                "mx." + domain + " [" + server.address() + "]:" + server.port(),
                new EventDetail.Session("mx." + domain, server.address(), server.port(), 10, "contoso.com"));
        var line = server.rcptCode() + (server.rcptCode() == 250 ? " 2.1.5 Ok" : " 5.1.1 User unknown");
        run.append(
                key,
                Phase.RCPT,
                ProbeEvent.Kind.RECEIVED,
                line,
                EventDetail.Reply.of(server.rcptCode(), server.rcptCode() == 250 ? "2.1.5" : "5.1.1", 7L));
        var reply = new SmtpReply(
                server.rcptCode(),
                server.rcptCode() == 250 ? new EnhancedStatus(2, 1, 5) : new EnhancedStatus(5, 1, 1),
                List.of(line),
                Duration.ofMillis(7),
                Set.of());
        var tls = new TlsFacts(
                server.tlsProtocol(),
                "TLS_AES_128_GCM_SHA256",
                List.of(new TlsFacts.CertificateFacts(
                        "CN=mx." + domain,
                        "CN=Test CA",
                        List.of("mx." + domain),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2027-01-01T00:00:00Z"),
                        server.certificateSha256(),
                        "spki-" + server.certificateSha256(),
                        "01")),
                false,
                "unknown issuer",
                true,
                300L,
                null);
        var result = new SessionResult(
                server.rcptCode() == 250 ? SessionOutcome.COMPLETED : SessionOutcome.REJECTED,
                Phase.RCPT,
                null,
                List.of(new Exchange(Phase.RCPT, "RCPT TO:<kate@" + domain + ">", reply)),
                Map.of("STARTTLS", "", "8BITMIME", ""),
                tls,
                Duration.ofMillis(40));
        run.append(key, Phase.TLS, ProbeEvent.Kind.TLS, server.tlsProtocol(), new EventDetail.Tls(tls));
        run.update(s -> s.withSession(session.ended(result)));
        run.append(
                key,
                Phase.RCPT,
                ProbeEvent.Kind.OUTCOME,
                result.outcome() + " in RCPT",
                new EventDetail.Outcome(result.outcome(), Phase.RCPT));
        var verdict = server.rcptCode() == 250 ? Diagnosis.Verdict.DELIVERABLE : Diagnosis.Verdict.BOUNCE;
        run.update(s -> s.withDiagnosis(new Diagnosis(verdict, "Mail to kate@" + domain + ": " + verdict, List.of())));
        run.append(
                null,
                null,
                ProbeEvent.Kind.VERDICT,
                "Mail to kate@" + domain + ": " + verdict,
                new EventDetail.Verdict(RunOutcome.of(run.diagnosis().orElseThrow())));
        run.finish(RunStatus.COMPLETED, started.plusSeconds(2));
        return run;
    }

    private static MxPlan plan(String domain, String address) {
        try {
            return new MxPlan(
                    domain,
                    DnsOutcome.OK,
                    List.of(new MxHost(
                            10,
                            "mx." + domain,
                            List.of(InetAddress.getByName(address)),
                            Duration.ofMillis(3),
                            Set.of())),
                    Duration.ofMillis(12),
                    null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
