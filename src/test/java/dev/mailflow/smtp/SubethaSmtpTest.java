package dev.mailflow.smtp;

import static dev.mailflow.smtp.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.smtp.SelfSignedTls;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/** The session against a real SMTP server implementation (subethasmtp), not a script. */
class SubethaSmtpTest {

    private final RecordingListener listener = new RecordingListener();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private SMTPServer server;

    private InetSocketAddress start(boolean tls) {
        var builder = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("subetha.test")
                .simpleMessageListener(new Recipients());
        if (tls) {
            builder.enableTLS().startTlsSocketFactory(SelfSignedTls.serverContext("subetha.test"));
        }
        server = builder.build();
        server.start();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPortAllocated());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void happyPathToRcptAndQuit() {
        var plan = Sessions.plan(start(false), Phase.RCPT);

        var result = session(listener).run(plan);

        assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
        assertThat(result.phase()).isEqualTo(Phase.RCPT);
        assertThat(accepted).containsExactly("kate@example.test");
        assertThat(result.exchanges())
                .extracting(Exchange::phase)
                .containsExactly(Phase.BANNER, Phase.EHLO, Phase.MAIL, Phase.RCPT, Phase.QUIT);
        assertThat(result.exchanges().getLast().reply().code()).isEqualTo(221);
        assertThat(result.exchanges())
                .allSatisfy(e -> assertThat(e.reply().flaws()).isEmpty());
    }

    @Test
    void refusesARecipientTheServerDoesNotKnow() {
        var plan = Sessions.withRecipients(Sessions.plan(start(false), Phase.RCPT), "nobody@example.test");

        var result = session(listener).run(plan);

        assertThat(result.outcome()).isEqualTo(SessionOutcome.REJECTED);
        assertThat(result.phase()).isEqualTo(Phase.RCPT);
        assertThat(result.detail()).startsWith("553");
    }

    @Test
    void startTlsAndDeliverAMessage() {
        byte[] message = "Subject: mailflow test\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        var plan = Sessions.withNotify(Sessions.plan(start(true), Phase.DATA, TlsMode.REQUIRED), Set.of());

        var result = session(listener).run(plan, SessionOptions.defaults().withMessage(message, message.length, false));

        assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
        assertThat(result.phase()).isEqualTo(Phase.DATA);
        assertThat(result.tls().protocol()).startsWith("TLS");
        assertThat(delivered).singleElement().asString().contains("hello");
    }

    private final class Recipients implements SimpleMessageListener {
        @Override
        public boolean accept(String from, String recipient) {
            if (recipient.startsWith("nobody")) {
                return false;
            }
            accepted.add(recipient);
            return true;
        }

        @Override
        public void deliver(String from, String recipient, InputStream data) throws java.io.IOException {
            delivered.add(new String(data.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
