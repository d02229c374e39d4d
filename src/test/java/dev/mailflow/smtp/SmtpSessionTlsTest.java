package dev.mailflow.smtp;

import static dev.mailflow.smtp.Sessions.plan;
import static dev.mailflow.smtp.Sessions.session;
import static dev.mailflow.smtp.Sessions.vouchedSession;
import static dev.mailflow.testing.smtp.Action.raw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import dev.mailflow.testing.smtp.SelfSignedTls;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** STARTTLS per TLS mode, implicit TLS, the opportunistic fallback, and AUTH over TLS. */
class SmtpSessionTlsTest {

    private static SSLContext serverTls;

    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void certificate() {
        serverTls = SelfSignedTls.serverContext("scripted.test");
    }

    @Test
    void upgradesWithStartTlsAndGreetsAgain() {
        try (var server = ScriptedSmtpServer.start(s -> s.startTls(serverTls))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT, TlsMode.REQUIRED));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.tls()).isNotNull();
            assertThat(result.tls().failure()).isNull();
            assertThat(result.tls().protocol()).startsWith("TLS");
            assertThat(listener.tls).hasSize(1);
            assertThat(server.received())
                    .containsExactly(
                            "EHLO client.test",
                            "STARTTLS",
                            "EHLO client.test",
                            "MAIL FROM:<helpdesk@contoso.test>",
                            "RCPT TO:<kate@example.test>",
                            "QUIT");
            // The extensions are the ones after TLS: STARTTLS is advertised only before it.
            assertThat(result.extensions()).doesNotContainKey("STARTTLS").containsKey("PIPELINING");
        }
    }

    @Test
    void requiredTlsThatIsNotOfferedFailsInTls() {
        try (var server = ScriptedSmtpServer.start()) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT, TlsMode.REQUIRED));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.TLS_FAILED);
            assertThat(result.phase()).isEqualTo(Phase.TLS);
            assertThat(server.received()).containsExactly("EHLO client.test", "QUIT");
        }
    }

    @Test
    void opportunisticTlsGoesOnInTheClearWhenNotOffered() {
        try (var server = ScriptedSmtpServer.start()) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT, TlsMode.OPPORTUNISTIC));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.tls()).isNull();
            assertThat(listener.notes()).anyMatch(n -> n.contains("does not offer STARTTLS"));
        }
    }

    @Test
    void stopsWhenTheServerInjectsDataAfterItsStartTlsReply() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", "250-scripted.test", "250 STARTTLS")
                .on("STARTTLS", raw("220 2.0.0 Ready to start TLS\r\n250-injected\r\n250 AUTH PLAIN\r\n")))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT, TlsMode.OPPORTUNISTIC));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.PROTOCOL_ERROR);
            assertThat(result.phase()).isEqualTo(Phase.TLS);
            assertThat(result.detail()).contains("STARTTLS injection");
            assertThat(server.received()).containsExactly("EHLO client.test", "STARTTLS");
        }
    }

    @Test
    void aFailedOpportunisticHandshakeReconnectsOnceWithoutTls() {
        // The server says 220 to STARTTLS but never speaks TLS: the handshake fails.
        try (var server = ScriptedSmtpServer.start(s ->
                s.on("EHLO", "250-scripted.test", "250 STARTTLS").on("STARTTLS", "220 2.0.0 Ready to start TLS"))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT, TlsMode.OPPORTUNISTIC));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(server.connections()).isEqualTo(2);
            assertThat(result.tls().failure()).isNotNull();
            assertThat(listener.notes()).anyMatch(n -> n.contains("connecting again without TLS"));
            assertThat(server.received())
                    .endsWith("MAIL FROM:<helpdesk@contoso.test>", "RCPT TO:<kate@example.test>", "QUIT");
        }
    }

    @Test
    void aFailedRequiredHandshakeFailsInTls() {
        try (var server = ScriptedSmtpServer.start(s ->
                s.on("EHLO", "250-scripted.test", "250 STARTTLS").on("STARTTLS", "220 2.0.0 Ready to start TLS"))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT, TlsMode.REQUIRED));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.TLS_FAILED);
            assertThat(result.phase()).isEqualTo(Phase.TLS);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void implicitTlsHandshakesBeforeTheBanner() {
        try (var server = ScriptedSmtpServer.start(s -> s.implicitTls(serverTls))) {
            var result = session(listener).run(plan(server.address(), Phase.RCPT, TlsMode.IMPLICIT));

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.tls().protocol()).startsWith("TLS");
            assertThat(server.received()).first().isEqualTo("EHLO client.test");
        }
    }

    @Test
    void authenticatesOverTlsWithoutShowingTheCredentials() {
        try (var server = ScriptedSmtpServer.start(s -> s.startTls(serverTls)
                .on("EHLO", "250-scripted.test", "250 AUTH LOGIN PLAIN")
                .on("AUTH", "235 2.7.0 Authentication successful"))) {
            var options = SessionOptions.defaults().withCredentials(new SessionOptions.Credentials("user", "s3cret"));

            var result = vouchedSession(listener).run(plan(server.address(), Phase.RCPT, TlsMode.REQUIRED), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(server.received()).contains("AUTH PLAIN AHVzZXIAczNjcmV0");
            assertThat(listener.sent()).contains("AUTH PLAIN ****");
            assertThat(listener.lines).noneMatch(l -> l.contains("AHVzZXIAczNjcmV0") || l.contains("s3cret"));
            assertThat(result.exchanges()).noneMatch(e -> e.command().contains("AHVzZXIAczNjcmV0"));
        }
    }

    @Test
    void authenticatesWithLoginWhenPlainIsNotOffered() {
        // The scripted server keys replies on a line's leading letters: "dXNlcg==" (user) reads as
        // verb DXNLCG and "czNjcmV0" (s3cret) as CZNJCMV.
        try (var server = ScriptedSmtpServer.start(s -> s.startTls(serverTls)
                .on("EHLO", "250-scripted.test", "250 AUTH LOGIN")
                .on("AUTH", "334 VXNlcm5hbWU6")
                .on("DXNLCG", "334 UGFzc3dvcmQ6")
                .on("CZNJCMV", "235 2.7.0 Authentication successful"))) {
            var options = SessionOptions.defaults().withCredentials(new SessionOptions.Credentials("user", "s3cret"));

            var result = vouchedSession(listener).run(plan(server.address(), Phase.AUTH, TlsMode.REQUIRED), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(result.phase()).isEqualTo(Phase.AUTH);
            assertThat(server.received()).contains("AUTH LOGIN", "dXNlcg==", "czNjcmV0");
            assertThat(listener.sent()).contains("AUTH LOGIN", "****").doesNotContain("dXNlcg==", "czNjcmV0");
        }
    }

    @Test
    void neverSendsCredentialsOverTlsThatIsNotTrusted() {
        try (var server = ScriptedSmtpServer.start(s -> s.startTls(serverTls)
                .on("EHLO", "250-scripted.test", "250 AUTH PLAIN")
                .on("AUTH", "235 2.7.0 Authentication successful"))) {
            var options = SessionOptions.defaults().withCredentials(new SessionOptions.Credentials("user", "s3cret"));

            var result = session(listener).run(plan(server.address(), Phase.RCPT, TlsMode.REQUIRED), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.TLS_FAILED);
            assertThat(result.phase()).isEqualTo(Phase.AUTH);
            assertThat(result.detail()).contains("credentials not sent", "not trusted");
            assertThat(server.received()).noneMatch(l -> l.startsWith("AUTH"));
        }
    }

    @Test
    void sendsCredentialsOverUntrustedTlsOnlyWhenAskedAndSaysSo() {
        try (var server = ScriptedSmtpServer.start(s -> s.startTls(serverTls)
                .on("EHLO", "250-scripted.test", "250 AUTH PLAIN")
                .on("AUTH", "235 2.7.0 Authentication successful"))) {
            var options =
                    SessionOptions.defaults().withCredentials(new SessionOptions.Credentials("user", "s3cret", true));

            var result = session(listener).run(plan(server.address(), Phase.AUTH, TlsMode.REQUIRED), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.COMPLETED);
            assertThat(server.received()).contains("AUTH PLAIN AHVzZXIAczNjcmV0");
            assertThat(listener.lines).anyMatch(l -> l.contains("WARNING: sending credentials over TLS"));
        }
    }

    @Test
    void neverSendsCredentialsInTheClear() {
        try (var server = ScriptedSmtpServer.start(s -> s.on("EHLO", "250-scripted.test", "250 AUTH PLAIN"))) {
            var options = SessionOptions.defaults().withCredentials(new SessionOptions.Credentials("user", "s3cret"));

            var result = session(listener).run(plan(server.address(), Phase.RCPT, TlsMode.NONE), options);

            assertThat(result.outcome()).isEqualTo(SessionOutcome.TLS_FAILED);
            assertThat(result.phase()).isEqualTo(Phase.AUTH);
            assertThat(server.received()).noneMatch(l -> l.startsWith("AUTH"));
        }
    }
}
