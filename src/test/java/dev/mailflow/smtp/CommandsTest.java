package dev.mailflow.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.MailAddress;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandsTest {

    private final MailAddress kate = MailAddress.parse("kate@example.com");

    @Test
    void buildsGreetings() {
        assertThat(Commands.ehlo(EhloName.parse("contoso.com"))).isEqualTo("EHLO contoso.com");
        assertThat(Commands.helo(EhloName.parse("contoso.com"))).isEqualTo("HELO contoso.com");
    }

    @Test
    void buildsMailFromWithOnlyTheParametersAsked() {
        assertThat(Commands.mailFrom(kate, Commands.MailParameters.NONE)).isEqualTo("MAIL FROM:<kate@example.com>");
        assertThat(Commands.mailFrom(MailAddress.NULL_SENDER, Commands.MailParameters.NONE))
                .isEqualTo("MAIL FROM:<>");
        var all = new Commands.MailParameters(1234, true, true, true, "id+1=2");
        assertThat(Commands.mailFrom(kate, all))
                .isEqualTo("MAIL FROM:<kate@example.com> SIZE=1234 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=id+2B1+3D2");
    }

    @Test
    void buildsRcptToWithDsnParametersInRfcOrder() {
        assertThat(Commands.rcptTo(kate, Set.of())).isEqualTo("RCPT TO:<kate@example.com>");
        assertThat(Commands.rcptTo(kate, EnumSet.of(Notify.FAILURE, Notify.SUCCESS)))
                .isEqualTo("RCPT TO:<kate@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;kate@example.com");
        assertThat(Commands.rcptTo(MailAddress.parse("a+b=c@example.com"), Set.of(Notify.NEVER)))
                .isEqualTo("RCPT TO:<a+b=c@example.com> NOTIFY=NEVER ORCPT=rfc822;a+2Bb+3Dc@example.com");
    }

    @Test
    void leavesOutOrcptForAUtf8Address() {
        assertThat(Commands.rcptTo(MailAddress.parse("jürgen@example.com"), Set.of(Notify.FAILURE)))
                .isEqualTo("RCPT TO:<jürgen@example.com> NOTIFY=FAILURE");
    }

    @Test
    void encodesXtext() {
        assertThat(Commands.xtext("a b+c=d")).isEqualTo("a+20b+2Bc+3Dd");
        assertThat(Commands.xtext("ü")).isEqualTo("+C3+BC");
    }

    @Test
    void theLastGuardRefusesLineBreaksAndNul() throws Exception {
        var out = new ByteArrayOutputStream();
        var writer = new LineWriter(out);

        for (String bad : List.of("RCPT TO:<a@b>\r\nDATA", "x\r", "x\n", "x\0")) {
            assertThatThrownBy(() -> writer.write(List.of(bad)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("internal error");
        }
        assertThat(out.size()).isZero();
        writer.write(List.of("MAIL FROM:<>", "RCPT TO:<kate@example.com>"));
        assertThat(out.toString()).isEqualTo("MAIL FROM:<>\r\nRCPT TO:<kate@example.com>\r\n");
    }

    @Test
    void authPlainCarriesTheRfc4616Message() {
        var line = Commands.authPlain(new SessionOptions.Credentials("user", "secret"));

        assertThat(line).isEqualTo("AUTH PLAIN AHVzZXIAc2VjcmV0");
        assertThat(new SessionOptions.Credentials("user", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void refusesMessagesThatCouldSmuggleASecondMessage() {
        assertThat(MessageData.problem("Subject: x\r\n\r\nhello\r\n".getBytes()))
                .isNull();
        assertThat(MessageData.problem("..leading dot is stuffed\r\n".getBytes()))
                .isNull();
        assertThat(MessageData.problem("a\nb\r\n".getBytes())).contains("bare LF");
        assertThat(MessageData.problem("a\rb\r\n".getBytes())).contains("bare CR");
        assertThat(MessageData.problem("a\r\n.\r\nMAIL FROM:<x@y>\r\n".getBytes()))
                .contains("single");
        assertThat(MessageData.problem(".\r\n".getBytes())).contains("single");
        assertThat(MessageData.problem("a\r\n.".getBytes())).contains("single");
        assertThat(new String(MessageData.terminated("a\r\n".getBytes()))).isEqualTo("a\r\n.\r\n");
        assertThat(new String(MessageData.terminated("a".getBytes()))).isEqualTo("a\r\n.\r\n");
        assertThat(new String(MessageData.terminated(new byte[0]))).isEqualTo(".\r\n");
    }
}
