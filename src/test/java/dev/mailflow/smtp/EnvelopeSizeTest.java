package dev.mailflow.smtp;

import static dev.mailflow.smtp.Sessions.plan;
import static dev.mailflow.smtp.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SIZE extension (RFC 1870): the message's size in MAIL, and the server's limit when it gives one. */
class EnvelopeSizeTest {

    private static final byte[] MESSAGE = "Subject: size\r\n\r\na message of some sixty octets or so, to compare\r\n"
            .getBytes(StandardCharsets.UTF_8);

    private final RecordingListener listener = new RecordingListener();

    private SessionResult send(String sizeLine) {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", "250-scripted.test", sizeLine))) {
            var options = SessionOptions.defaults().withMessage(MESSAGE, MESSAGE.length, false);
            var result = session(listener).run(plan(server.address(), Phase.DATA), options);
            assertThat(server.received()).contains("MAIL FROM:<helpdesk@contoso.test> SIZE=" + MESSAGE.length);
            return result;
        }
    }

    @Test
    void aBareSizeAnnouncesNoLimit() {
        var result = send("250 SIZE");

        assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
        assertThat(listener.notes()).noneMatch(n -> n.contains("limit"));
    }

    @Test
    void aMessageOverTheAnnouncedLimitIsNotedAndStillOffered() {
        var result = send("250 SIZE 20");

        assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
        assertThat(listener.notes())
                .anyMatch(n -> n.contains("(" + MESSAGE.length + " octets) is larger than the server's limit of 20"));
    }

    @Test
    void readsTheLimitOnlyFromDigits() {
        assertThat(Envelope.sizeLimit("")).isZero();
        assertThat(Envelope.sizeLimit(" ")).isZero();
        assertThat(Envelope.sizeLimit("0")).isZero();
        assertThat(Envelope.sizeLimit("35882577")).isEqualTo(35_882_577);
        assertThat(Envelope.sizeLimit(" 1000 ")).isEqualTo(1000);
        assertThat(Envelope.sizeLimit("-5")).isZero();
        assertThat(Envelope.sizeLimit("10M")).isZero();
        assertThat(Envelope.sizeLimit("99999999999999999999")).isZero();
    }
}
