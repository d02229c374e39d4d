package dev.mailflow.smtp;

import static dev.mailflow.smtp.Sessions.plan;
import static dev.mailflow.smtp.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.mail.MailAddress;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** RET and ENVID (RFC 3461 §4.3, §4.4): on MAIL FROM when DSN is advertised, left off when not. */
class DsnReturnTest {

    private final RecordingListener listener = new RecordingListener();

    @Test
    void retAndEnvidGoOnMailWhenDsnIsAdvertised() {
        try (var server = ScriptedSmtpServer.start()) {
            var options = SessionOptions.defaults().withRet(Ret.FULL).withEnvelopeId("run+42");
            var notify = Sessions.withNotify(plan(server.address(), Phase.RCPT), EnumSet.of(Notify.FAILURE));

            var result = session(listener).run(notify, options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(server.received()).contains("MAIL FROM:<helpdesk@contoso.test> RET=FULL ENVID=run+2B42");
        }
    }

    @Test
    void retAndEnvidAreLeftOffWhenDsnIsNotAdvertised() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", "250-scripted.test", "250 PIPELINING"))) {
            var options = SessionOptions.defaults().withRet(Ret.HDRS).withEnvelopeId("run42");

            var result = session(listener).run(plan(server.address(), Phase.RCPT), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(server.received()).contains("MAIL FROM:<helpdesk@contoso.test>");
            assertThat(String.join("\n", server.received()))
                    .doesNotContain("RET=")
                    .doesNotContain("ENVID=");
            assertThat(listener.notes()).anyMatch(n -> n.contains("does not advertise DSN"));
        }
    }

    @Test
    void commandsWriteEitherRetValue() {
        var kate = MailAddress.parse("kate@example.com");
        assertThat(Commands.mailFrom(kate, new Commands.MailParameters(0, false, false, Ret.FULL, null)))
                .isEqualTo("MAIL FROM:<kate@example.com> RET=FULL");
        assertThat(Commands.mailFrom(kate, new Commands.MailParameters(0, false, false, Ret.HDRS, null)))
                .isEqualTo("MAIL FROM:<kate@example.com> RET=HDRS");
    }
}
