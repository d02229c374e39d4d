package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.MailAddress;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionPlan;
import dev.mailflow.smtp.SmtpSession;
import dev.mailflow.smtp.Timeouts;
import dev.mailflow.smtp.TlsMode;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A real session against a scripted server: the events carry what the engine knew, as values. */
class EventRecorderTest {

    private static final Timeouts FAST = new Timeouts(
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    @Test
    void repliesAndTheConnectionAreRecordedAsFacts() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("RCPT", "550 5.1.1 <kate@example.test>: User unknown"))) {
            var run = TestRuns.running("r1");
            var plan = new SessionPlan(
                    server.address(),
                    "scripted.test",
                    EhloName.parse("client.test"),
                    MailAddress.parse("helpdesk@contoso.test"),
                    List.of(MailAddress.parse("kate@example.test")),
                    TlsMode.NONE,
                    Phase.RCPT,
                    Set.of(),
                    FAST);
            var connector = (dev.mailflow.smtp.Connector) (address, timeout) -> {
                var socket = new Socket();
                socket.connect(address, (int) timeout.toMillis());
                return socket;
            };

            new SmtpSession(connector, new EventRecorder(run, "k"), null).run(plan);

            var events = run.events();
            var connected = events.stream()
                    .map(e -> e.detail(EventDetail.Connected.class))
                    .filter(Objects::nonNull)
                    .toList();
            assertThat(connected).hasSize(1);
            assertThat(connected.getFirst().local()).startsWith("127.0.0.1:");
            assertThat(connected.getFirst().remote())
                    .isEqualTo("127.0.0.1:" + server.address().getPort());

            var rcpt = events.stream()
                    .filter(e -> e.kind() == ProbeEvent.Kind.RECEIVED && e.phase() == Phase.RCPT)
                    .toList();
            assertThat(rcpt).hasSize(1);
            var reply = rcpt.getFirst().detail(EventDetail.Reply.class);
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.enhanced()).hasToString("5.1.1");
            assertThat(reply.completes()).isTrue();

            var ehlo = events.stream()
                    .filter(e -> e.kind() == ProbeEvent.Kind.RECEIVED && e.phase() == Phase.EHLO)
                    .map(e -> e.detail(EventDetail.Reply.class))
                    .toList();
            assertThat(ehlo)
                    .hasSizeGreaterThan(1)
                    .allSatisfy(r -> assertThat(r.code()).isEqualTo(250));
            assertThat(ehlo.getLast().completes()).isTrue();
            assertThat(ehlo.subList(0, ehlo.size() - 1)).noneMatch(EventDetail.Reply::completes);
        }
    }
}
