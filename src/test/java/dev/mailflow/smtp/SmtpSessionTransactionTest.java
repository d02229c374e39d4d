package dev.mailflow.smtp;

import static dev.mailflow.smtp.Sessions.plan;
import static dev.mailflow.smtp.Sessions.session;
import static dev.mailflow.testing.smtp.Action.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** MAIL, RCPT and DATA: parameters, pipelining, partial acceptance, and the message. */
class SmtpSessionTransactionTest {

    private static final String[] EHLO_PLAIN = {"250-scripted.test", "250 8BITMIME"};

    private final RecordingListener listener = new RecordingListener();

    @Test
    void anInvalidSenderIsRejectedInMail() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("MAIL", "550 5.1.7 Invalid address"))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.REJECTED);
            assertThat(result.phase()).isEqualTo(Phase.MAIL);
            assertThat(result.detail()).isEqualTo("550 5.1.7 Invalid address");
        }
    }

    @Test
    void showsControlCharactersOfAReplyEscapedInTheDetail() {
        try (var server = ScriptedSmtpServer.start(
                s -> s.on("MAIL", dev.mailflow.testing.smtp.Action.raw("550 5.7.1 no\nRCPT TO:<x@y>\u0007\r\n")))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.REJECTED);
            assertThat(result.detail()).isEqualTo("550 5.7.1 no␊RCPT TO:<x@y>␇");
            assertThat(result.exchanges().get(2).reply().flaws()).containsExactly(ReplyFlaw.BARE_LF);
        }
    }

    @Test
    void aServerWantingAuthenticationRejectsMail() {
        try (var server = ScriptedSmtpServer.start(
                s -> s.on("EHLO", EHLO_PLAIN).on("MAIL", "530 5.7.1 Client was not authenticated"))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.REJECTED);
            assertThat(result.phase()).isEqualTo(Phase.MAIL);
            assertThat(result.exchanges())
                    .filteredOn(e -> e.phase() == Phase.MAIL)
                    .singleElement()
                    .satisfies(e -> assertThat(e.reply().enhanced()).isEqualTo(new EnhancedStatus(5, 7, 1)));
            // Without PIPELINING nothing follows a refused MAIL but QUIT.
            assertThat(server.received()).noneMatch(l -> l.startsWith("RCPT")).endsWith("QUIT");
        }
    }

    @Test
    void anUnknownUserIsRejectedInRcpt() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("RCPT", "550 5.1.1 User unknown"))) {
            var result = session(listener).run(plan(server.address(), Phase.DATA));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.REJECTED);
            assertThat(result.phase()).isEqualTo(Phase.RCPT);
            assertThat(result.detail()).isEqualTo("550 5.1.1 User unknown");
        }
    }

    @Test
    void goesOnWhenSomeRecipientsAreAcceptedAndKeepsTheRefusals() {
        try (var server = ScriptedSmtpServer.start(
                s -> s.on("EHLO", EHLO_PLAIN).on("RCPT", reply("550 5.1.1 User unknown"), reply("250 2.1.5 Ok")))) {
            var plan = Sessions.withRecipients(
                    plan(server.address(), Phase.RCPT), "nobody@example.test", "kate@example.test");

            var result = session(listener).run(plan);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.exchanges())
                    .filteredOn(e -> e.phase() == Phase.RCPT)
                    .extracting(e -> e.reply().code())
                    .containsExactly(550, 250);
            assertThat(listener.notes()).contains("1 of 2 recipients were refused");
        }
    }

    @Test
    void pipelinesMailAndRcptInOneWriteWhenOffered() {
        try (var server = ScriptedSmtpServer.start(
                s -> s.on("MAIL", "550 5.1.7 Invalid address").on("RCPT", "503 5.5.1 Need MAIL first"))) {
            var plan = Sessions.withRecipients(plan(server.address(), Phase.RCPT), "a@example.test", "b@example.test");

            var result = session(listener).run(plan);

            // All three replies were read, so the session stays in step and the outcome is MAIL's.
            assertThat(result.outcome()).isEqualTo(SessionOutcome.REJECTED);
            assertThat(result.phase()).isEqualTo(Phase.MAIL);
            assertThat(result.exchanges())
                    .extracting(e -> e.reply().code())
                    .containsExactly(220, 250, 550, 503, 503, 221);
            assertThat(listener.lines.indexOf("C: RCPT TO:<b@example.test>"))
                    .isLessThan(listener.lines.indexOf("S: 550 5.1.7 Invalid address"));
        }
    }

    @Test
    void refusesAUtf8AddressWhenTheServerLacksSmtpUtf8() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", EHLO_PLAIN))) {
            var plan = Sessions.withRecipients(plan(server.address(), Phase.RCPT), "jürgen@example.test");

            var result = session(listener).run(plan);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.PROTOCOL_ERROR);
            assertThat(result.phase()).isEqualTo(Phase.MAIL);
            assertThat(server.received()).containsExactly("EHLO client.test", "QUIT");
        }
    }

    @Test
    void sendsSmtpUtf8WhenAnAddressNeedsIt() {
        try (var server = ScriptedSmtpServer.start()) {
            var plan = Sessions.withRecipients(plan(server.address(), Phase.RCPT), "jürgen@bücher.example");

            var result = session(listener).run(plan);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(server.received())
                    .contains("MAIL FROM:<helpdesk@contoso.test> SMTPUTF8", "RCPT TO:<jürgen@xn--bcher-kva.example>");
        }
    }

    @Test
    void asksForDsnOnlyWhenAdvertised() {
        var notify = EnumSet.of(Notify.SUCCESS, Notify.FAILURE);
        try (var server = ScriptedSmtpServer.start()) {
            session(listener).run(Sessions.withNotify(plan(server.address(), Phase.RCPT), notify));

            assertThat(server.received())
                    .contains("RCPT TO:<kate@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;kate@example.test");
        }
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", EHLO_PLAIN))) {
            var result = session(listener).run(Sessions.withNotify(plan(server.address(), Phase.RCPT), notify));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(server.received()).contains("RCPT TO:<kate@example.test>");
            assertThat(listener.notes()).anyMatch(n -> n.contains("does not advertise DSN"));
        }
    }

    @Test
    void sendsTheMessageAfter354AndEndsItWithADot() {
        byte[] message = "Subject: test\r\n\r\n..a stuffed line\r\nbye\r\n".getBytes(StandardCharsets.UTF_8);
        try (var server = ScriptedSmtpServer.start()) {
            var options = SessionOptions.defaults().withMessage(message, message.length, false);

            var result = session(listener).run(plan(server.address(), Phase.DATA), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.phase()).isEqualTo(Phase.DATA);
            assertThat(server.received()).contains("MAIL FROM:<helpdesk@contoso.test> SIZE=" + message.length);
            assertThat(server.messages()).singleElement().isEqualTo(message);
            assertThat(result.detail()).contains("250 2.0.0 Ok: queued");
        }
    }

    @Test
    void neverSendsTheMessageWithout354() {
        byte[] message = "Subject: test\r\n\r\nhello\r\n".getBytes(StandardCharsets.UTF_8);
        try (var server = ScriptedSmtpServer.start(s -> s.on("DATA", "250 2.0.0 Ok"))) {
            var options = SessionOptions.defaults().withMessage(message, message.length, false);

            var result = session(listener).run(plan(server.address(), Phase.DATA), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.PROTOCOL_ERROR);
            assertThat(result.phase()).isEqualTo(Phase.DATA);
            assertThat(server.received()).doesNotContain("Subject: test");
        }
    }

    @Test
    void refusesAMessageThatCouldSmuggleASecondOne() {
        byte[] smuggler =
                "Subject: x\r\n\r\nhi\n.\r\nMAIL FROM:<evil@example.net>\r\n".getBytes(StandardCharsets.UTF_8);
        try (var server = ScriptedSmtpServer.start()) {
            var options = SessionOptions.defaults().withMessage(smuggler, smuggler.length, false);

            var result = session(listener).run(plan(server.address(), Phase.DATA), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.ERROR);
            assertThat(result.phase()).isEqualTo(Phase.DATA);
            assertThat(server.received()).doesNotContain("DATA").contains("QUIT");
        }
    }

    @Test
    void theWireCarriesOneCrlfPerCommandAndNothingElse() {
        try (var server = ScriptedSmtpServer.start()) {
            var plan = Sessions.withRecipients(
                    plan(server.address(), Phase.RCPT), "\"odd quoted\"@[192.0.2.1]", "x@y.test");

            session(listener).run(plan);

            CommandLineProperties.assertWireHasOnlyLineEndCrlfs(server.receivedBytes(), 5);
        }
    }
}
