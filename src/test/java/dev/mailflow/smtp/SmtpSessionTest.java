package dev.mailflow.smtp;

import static dev.mailflow.smtp.Sessions.plan;
import static dev.mailflow.smtp.Sessions.session;
import static dev.mailflow.testing.smtp.Action.closeAfter;
import static dev.mailflow.testing.smtp.Action.drip;
import static dev.mailflow.testing.smtp.Action.reply;
import static dev.mailflow.testing.smtp.Action.silence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.egress.PolicyRefusedException;
import dev.mailflow.egress.TargetDecision;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The session against scripted servers: how each kind of trouble ends, and in which phase. */
class SmtpSessionTest {

    private final RecordingListener listener = new RecordingListener();

    @Test
    void walksToRcptAndQuits() {
        try (var server = ScriptedSmtpServer.start()) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.phase()).isEqualTo(Phase.RCPT);
            assertThat(result.extensions())
                    .containsKeys("PIPELINING", "SIZE", "DSN")
                    .containsEntry("SIZE", "10240000");
            assertThat(server.received())
                    .containsExactly(
                            "EHLO client.test",
                            "MAIL FROM:<helpdesk@contoso.test>",
                            "RCPT TO:<kate@example.test>",
                            "QUIT");
            assertThat(result.exchanges())
                    .extracting(Exchange::phase)
                    .containsExactly(Phase.BANNER, Phase.EHLO, Phase.MAIL, Phase.RCPT, Phase.QUIT);
            // The golden transcript: pipelined MAIL and RCPT leave together, replies come in order.
            assertThat(listener.lines.getFirst()).matches("I: connected from 127\\.0\\.0\\.1:\\d+ in \\d+ ms");
            assertThat(listener.lines.subList(1, listener.lines.size()))
                    .containsExactly(
                            "S: 220 scripted.test ESMTP scripted",
                            "C: EHLO client.test",
                            "S: 250-scripted.test",
                            "S: 250-PIPELINING",
                            "S: 250-SIZE 10240000",
                            "S: 250-8BITMIME",
                            "S: 250-DSN",
                            "S: 250-SMTPUTF8",
                            "S: 250 ENHANCEDSTATUSCODES",
                            "C: MAIL FROM:<helpdesk@contoso.test>",
                            "C: RCPT TO:<kate@example.test>",
                            "S: 250 2.1.0 Ok",
                            "S: 250 2.1.5 Ok",
                            "C: QUIT",
                            "S: 221 2.0.0 Bye");
            assertThat(result.took()).isPositive().isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void notesOurEgressAddressOnceConnected() {
        var sockets = new java.util.concurrent.CopyOnWriteArrayList<Socket>();
        Connector recording = (address, timeout) -> {
            var socket = Sessions.PLAIN.connect(address, timeout);
            sockets.add(socket);
            return socket;
        };
        try (var server = ScriptedSmtpServer.start()) {
            new SmtpSession(recording, listener, new TrustingHandshaker()).run(plan(server.address(), Phase.CONNECT));

            assertThat(sockets).hasSize(1);
            int localPort = sockets.getFirst().getLocalPort();
            assertThat(listener.notes())
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .matches("connected from 127\\.0\\.0\\.1:" + localPort + " in \\d+ ms");
        }
    }

    @Test
    void aClosedPortIsRefused() throws IOException {
        InetSocketAddress closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        }

        var result = session(listener).run(plan(closed, Phase.RCPT));

        assertThat(result.outcome()).isEqualTo(SessionOutcome.REFUSED);
        assertThat(result.phase()).isEqualTo(Phase.CONNECT);
        assertThat(result.detail()).isEqualTo("Connection refused");
    }

    @Test
    void aConnectorRefusalByPolicyIsReportedAsSuch() {
        Connector guarded = (address, timeout) -> {
            throw new PolicyRefusedException(TargetDecision.refuse("127.0.0.1 is a loopback address"));
        };
        var result = new SmtpSession(guarded, listener, new TrustingHandshaker())
                .run(plan(new InetSocketAddress(InetAddress.getLoopbackAddress(), 25), Phase.RCPT));

        assertThat(result.outcome()).isEqualTo(SessionOutcome.POLICY_REFUSED);
        assertThat(result.phase()).isEqualTo(Phase.CONNECT);
    }

    @Test
    void neverThrowsWhenSomethingUnexpectedFails() {
        Connector broken = (address, timeout) -> {
            throw new IllegalStateException("boom");
        };
        var result = new SmtpSession(broken, listener, new TrustingHandshaker())
                .run(plan(new InetSocketAddress(InetAddress.getLoopbackAddress(), 25), Phase.RCPT));

        assertThat(result.outcome()).isEqualTo(SessionOutcome.ERROR);
        assertThat(result.detail()).contains("boom");
    }

    @Test
    void stopsAtConnectWithoutReadingOrWriting() {
        try (var server = ScriptedSmtpServer.start()) {
            var result = session(listener).run(plan(server.address(), Phase.CONNECT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.phase()).isEqualTo(Phase.CONNECT);
            assertThat(result.exchanges()).isEmpty();
            assertThat(listener.sent()).isEmpty();
        }
    }

    @Test
    void aBannerOf554RejectsAndOf421Defers() {
        try (var server = ScriptedSmtpServer.start(s -> s.banner("554 5.7.1 No SMTP service here"))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));
            assertThat(result.outcome()).isEqualTo(SessionOutcome.REJECTED);
            assertThat(result.phase()).isEqualTo(Phase.BANNER);
            assertThat(result.detail()).isEqualTo("554 5.7.1 No SMTP service here");
        }
        try (var server = ScriptedSmtpServer.start(s -> s.banner("421 4.3.2 Too busy, try later"))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));
            assertThat(result.outcome()).isEqualTo(SessionOutcome.DEFERRED);
            assertThat(result.phase()).isEqualTo(Phase.BANNER);
        }
    }

    @Test
    void aSilentServerTimesOutInTheBanner() {
        try (var server = ScriptedSmtpServer.start(s -> s.banner(silence()))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.TIMED_OUT);
            assertThat(result.phase()).isEqualTo(Phase.BANNER);
            assertThat(result.took()).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aServerDrippingOneBytePerSecondHitsTheTotalDeadline() {
        var slow = new Timeouts(
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2));
        try (var server = ScriptedSmtpServer.start(
                s -> s.banner(drip(Duration.ofSeconds(1), "220 scripted.test ESMTP dripping slowly")))) {
            var result = session(listener).run(Sessions.withTimeouts(plan(server.address(), Phase.RCPT), slow));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.DEADLINE);
            assertThat(result.phase()).isEqualTo(Phase.BANNER);
            assertThat(result.took()).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aWriteBlockedByAPeerThatStopsReadingIsCutAtTheDeadline() {
        var shortTotal = new Timeouts(
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(3));
        byte[] big = ("x".repeat(998) + "\r\n").repeat(16 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var stallAfter354 = dev.mailflow.testing.smtp.Action.sequence(
                reply("354 go ahead"), dev.mailflow.testing.smtp.Action.stall());
        try (var server = ScriptedSmtpServer.start(s -> s.on("DATA", stallAfter354))) {
            var plan = Sessions.withTimeouts(plan(server.address(), Phase.DATA), shortTotal);

            var result = session(listener).run(plan, SessionOptions.defaults().withMessage(big, big.length, false));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.DEADLINE);
            assertThat(result.phase()).isEqualTo(Phase.DATA);
            assertThat(listener.sent()).as("the write never finished").doesNotContain(".");
            assertThat(result.took()).isLessThan(Duration.ofSeconds(12));
        }
    }

    @Test
    void aServerClosingMidReplyEndsTheSessionAsClosed() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("MAIL", closeAfter("250-2.1.0 Sender o")))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.CLOSED);
            assertThat(result.phase()).isEqualTo(Phase.MAIL);
            assertThat(result.exchanges().getLast().reply().flaws()).contains(ReplyFlaw.EOF_MID_REPLY);
        }
    }

    @Test
    void aServerClosingBetweenRepliesEndsTheSessionAsClosed() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", dev.mailflow.testing.smtp.Action.close()))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.CLOSED);
            assertThat(result.phase()).isEqualTo(Phase.EHLO);
        }
    }

    @Test
    void a501ToEhloRefusesTheNameAndIsNotRetriedWithHelo() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", "501 5.5.4 Invalid domain name"))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.REJECTED);
            assertThat(result.phase()).isEqualTo(Phase.EHLO);
            assertThat(result.exchanges().get(1).reply().enhanced()).isEqualTo(new EnhancedStatus(5, 5, 4));
            assertThat(server.received()).doesNotContain("HELO client.test").contains("QUIT");
            assertThat(listener.notes()).anyMatch(n -> n.contains("HELO would be refused"));
        }
    }

    @Test
    void anUnknownEhloFallsBackToHelo() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", "502 5.5.2 Command not implemented"))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.extensions()).isEmpty();
            assertThat(server.received()).startsWith("EHLO client.test", "HELO client.test");
            assertThat(listener.notes()).anyMatch(n -> n.contains("trying HELO"));
        }
    }

    @Test
    void aMalformedReplyIsAProtocolError() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", reply("hello, I am not SMTP")))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.PROTOCOL_ERROR);
            assertThat(result.phase()).isEqualTo(Phase.EHLO);
        }
    }

    @Test
    void anEndlessReplyIsAbandoned() {
        var endless = dev.mailflow.testing.smtp.Action.raw("250-" + "z".repeat(2 * 1024 * 1024));
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", endless))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.PROTOCOL_ERROR);
            assertThat(result.phase()).isEqualTo(Phase.EHLO);
            assertThat(server.received()).doesNotContain("QUIT");
        }
    }

    @Test
    void refusesAPlanThatCannotRun() {
        var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 25);
        var plan = Sessions.withNotify(plan(address, Phase.RCPT), java.util.Set.of(Notify.NEVER, Notify.SUCCESS));

        var result = session(listener).run(plan);

        assertThat(result.outcome()).isEqualTo(SessionOutcome.ERROR);
        assertThat(result.detail()).contains("NEVER");
    }
}
