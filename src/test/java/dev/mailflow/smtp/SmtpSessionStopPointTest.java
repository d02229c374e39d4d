package dev.mailflow.smtp;

import static dev.mailflow.smtp.Sessions.plan;
import static dev.mailflow.smtp.Sessions.session;
import static dev.mailflow.testing.smtp.Action.delayed;
import static dev.mailflow.testing.smtp.Action.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stop-points, per-command timeouts, and refusals decided before anything is sent. */
class SmtpSessionStopPointTest {

    private final RecordingListener listener = new RecordingListener();

    @ParameterizedTest
    @CsvSource({
        "BANNER, QUIT",
        "EHLO, EHLO client.test|QUIT",
        "TLS, EHLO client.test|QUIT",
        "AUTH, EHLO client.test|QUIT",
        "MAIL, EHLO client.test|MAIL FROM:<helpdesk@contoso.test>|QUIT",
        "RCPT, EHLO client.test|MAIL FROM:<helpdesk@contoso.test>|RCPT TO:<kate@example.test>|QUIT",
    })
    void stopsWhereThePlanSaysAndQuits(Phase stop, String expected) {
        try (var server = ScriptedSmtpServer.start()) {
            var result = session(listener).run(plan(server.address(), stop));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.phase()).isEqualTo(stop);
            assertThat(server.received()).containsExactly(expected.split("\\|"));
        }
    }

    @Test
    void withoutAMessageDataIsNotSent() {
        try (var server = ScriptedSmtpServer.start()) {
            var result = session(listener).run(plan(server.address(), Phase.DATA));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.phase()).isEqualTo(Phase.RCPT);
            assertThat(server.received()).doesNotContain("DATA");
        }
    }

    @Test
    void aSlowButTimelyReplyIsFine() {
        try (var server =
                ScriptedSmtpServer.start(s -> s.on("MAIL", delayed(Duration.ofMillis(200), reply("250 2.1.0 Ok"))))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
        }
    }

    @Test
    void aReplyLaterThanTheCommandTimeoutTimesOutInItsPhase() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", "250-scripted.test", "250 8BITMIME")
                .on("MAIL", delayed(Duration.ofSeconds(5), reply("250 2.1.0 Ok"))))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.TIMED_OUT);
            assertThat(result.phase()).isEqualTo(Phase.MAIL);
            assertThat(result.took()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void refusesAnEightBitMessageWhenTheServerLacks8BitMime() {
        byte[] message = "Subject: caf\u00e9\r\n\r\nd\u00e9j\u00e0 vu\r\n".getBytes(StandardCharsets.UTF_8);
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", "250-scripted.test", "250 PIPELINING"))) {
            var options = SessionOptions.defaults().withMessage(message, message.length, true);

            var result = session(listener).run(plan(server.address(), Phase.DATA), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.PROTOCOL_ERROR);
            assertThat(result.phase()).isEqualTo(Phase.MAIL);
            assertThat(server.received()).containsExactly("EHLO client.test", "QUIT");
        }
    }

    @Test
    void declaresAnEightBitMessageWhenTheServerTakesIt() {
        byte[] message = "Subject: caf\u00e9\r\n\r\nd\u00e9j\u00e0 vu\r\n".getBytes(StandardCharsets.UTF_8);
        try (var server = ScriptedSmtpServer.start()) {
            var options = SessionOptions.defaults()
                    .withMessage(message, message.length, true)
                    .withPipelining(false);

            var result = session(listener).run(plan(server.address(), Phase.DATA), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(server.received())
                    .contains("MAIL FROM:<helpdesk@contoso.test> SIZE=" + message.length + " BODY=8BITMIME");
            assertThat(server.messages()).singleElement().isEqualTo(message);
        }
    }

    @Test
    void refusesHostileOptions() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SessionOptions.defaults().withEnvelopeId("id\r\nRSET"))
                .isInstanceOf(InvalidInputException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SessionOptions.Credentials("user\u0000admin", "x"))
                .isInstanceOf(InvalidInputException.class);
    }
}
