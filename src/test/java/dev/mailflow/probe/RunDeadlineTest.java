package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.diagnosis.Diagnoser;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.dns.DnsProperties;
import dev.mailflow.dns.MxResolver;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.egress.TargetProperties;
import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.MailAddress;
import dev.mailflow.posture.PostureChecks;
import dev.mailflow.posture.PostureProperties;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.Timeouts;
import dev.mailflow.smtp.TlsMode;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.Action;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import dev.mailflow.tls.TlsInspector;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A run has one deadline from its start: waiting for a session slot counts against it, and a
 * session that starts gets only what is left of it.
 */
class RunDeadlineTest {

    static final ScriptedSmtpServer TARPIT = ScriptedSmtpServer.start(s -> s.banner(Action.stall()));
    static final TestDnsServer DNS = TestDnsServer.builder().start();

    @AfterAll
    static void stop() {
        TARPIT.close();
        DNS.close();
    }

    private final TargetPolicy targets = new TargetPolicy(new TargetProperties(
            List.of("127.0.0.0/8"), null, List.of(TARPIT.address().getPort())));

    private RunExecution execution(SessionSlots slots, Duration runTotal) {
        var clock = Clock.systemUTC();
        // Step timeouts as shipped (a minute for the banner): only the run's deadline can end these sessions early.
        var sessions = new SmtpSessionRunner(targets, new TlsInspector(null), Timeouts.defaults(), clock);
        return new RunExecution(
                new MxResolver(DNS.resolver(Duration.ofSeconds(1))),
                targets,
                slots,
                sessions,
                new Diagnoser(Knowledge.load()),
                new PostureStep(noPosture(), new Diagnoser(Knowledge.load())),
                clock,
                runTotal);
    }

    /** Posture is beside the point here (and skipped for an explicit host anyway). */
    private PostureChecks noPosture() {
        return PostureChecks.from(
                new PostureProperties(
                        false,
                        List.of(),
                        List.of(),
                        List.of(),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1024,
                        "",
                        null),
                new DnsProperties(List.of(DNS.server()), Duration.ofSeconds(1)),
                targets);
    }

    private static ValidatedProbe probe() {
        return new ValidatedProbe(
                "example.test",
                MailAddress.NULL_SENDER,
                List.of(MailAddress.parse("kate@example.test")),
                "127.0.0.1",
                TARPIT.address().getPort(),
                EhloName.parse("probe.contoso.test"),
                TlsMode.NONE,
                Set.of(),
                Phase.RCPT,
                true,
                null,
                true,
                null,
                null);
    }

    private static ProbeRun run(String id) {
        return TestRuns.run(id, TestRuns.request(), "kate", TestRuns.STARTED, RunArchive.NONE);
    }

    @Test
    void aSessionThatGetsNoSlotBeforeTheRunsDeadlineIsTimedOutWithoutConnecting() throws Exception {
        var slots = new SessionSlots(1, 1);
        var connectionsBefore = TARPIT.connections();
        try (var held = slots.acquire(InetAddress.getLoopbackAddress())) {
            var run = run("queued");

            execution(slots, Duration.ofMillis(300))
                    .execute(run, new ProbeValidation.Checked(probe(), null), Long.MAX_VALUE, true);

            var result = run.sessions().getFirst().result();
            assertThat(result.outcome()).isEqualTo(SessionOutcome.TIMED_OUT);
            assertThat(result.phase()).isEqualTo(Phase.CONNECT);
            assertThat(result.detail()).contains("no session slot", "nothing was contacted");
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(slots.waiting()).isZero();
        }
        assertThat(TARPIT.connections()).isEqualTo(connectionsBefore);
        assertThat(slots.active()).isZero();
    }

    @Test
    void aSessionThatStartsGetsOnlyWhatIsLeftOfTheRunsDeadline() {
        var run = run("tarpit");

        execution(new SessionSlots(1, 1), Duration.ofSeconds(1))
                .execute(run, new ProbeValidation.Checked(probe(), null), Long.MAX_VALUE, true);

        var result = run.sessions().getFirst().result();
        assertThat(result.outcome()).isEqualTo(SessionOutcome.DEADLINE);
        assertThat(result.phase()).isEqualTo(Phase.BANNER);
    }
}
