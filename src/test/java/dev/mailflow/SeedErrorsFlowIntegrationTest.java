package dev.mailflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.Peers;
import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * Each error of the Exchange procedure "Use Telnet to test SMTP communication" played by a real
 * server, through the whole application: the run page names the causes the procedure lists and who
 * must act, and the escalation note quotes the exchange that failed.
 */
class SeedErrorsFlowIntegrationTest extends RunningApp {

    static final String BANNER = "220 mail1.fabrikam.test Microsoft ESMTP MAIL Service ready";

    static final ScriptedSmtpServer EHLO_REFUSED =
            ScriptedSmtpServer.start(s -> s.banner(BANNER).on("EHLO", "501 5.5.4 Invalid domain name"));
    static final ScriptedSmtpServer SENDER_REFUSED =
            ScriptedSmtpServer.start(s -> s.banner(BANNER).on("MAIL", "550 5.1.7 Invalid address"));
    static final ScriptedSmtpServer ANONYMOUS_REFUSED =
            ScriptedSmtpServer.start(s -> s.banner(BANNER).on("MAIL", "530 5.7.1 Client was not authenticated"));
    /** The domain's MX, found through DNS. */
    static final ScriptedSmtpServer UNKNOWN_USER =
            ScriptedSmtpServer.start(s -> s.banner(BANNER).on("RCPT", "550 5.1.1 User unknown"));

    /** A port nothing listens on: taken from the system, then let go. */
    static final int CLOSED_PORT = closedPort();

    static final TestDnsServer DNS =
            TestDnsServer.builder().zone("fabrikam.test", """
                    @      MX 10 mail1
                    mail1  A  127.0.0.1
                    """).start();

    @RegisterExtension
    static final Peers PEERS = Peers.of(DNS, UNKNOWN_USER, EHLO_REFUSED, SENDER_REFUSED, ANONYMOUS_REFUSED)
            .greetingAs("contoso.test")
            .allowingPorts(CLOSED_PORT);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PEERS.reach(registry);
        TestUser.register(registry);
    }

    @Test
    void connectionFailed() throws Exception {
        var run = probe(CLOSED_PORT);

        run.pageShows(
                "the recipient's mail admin",
                "destination smtp service is unavailable",
                "restrictions on destination firewall",
                "wrong fqdn or ip destination smtp server address",
                "wrong port number");
        assertThat(run.escalation())
                .contains("Address tried:      127.0.0.1 port " + CLOSED_PORT)
                .contains("Failing exchange:\n  (no SMTP reply: REFUSED in CONNECT: Connection refused)");
    }

    @Test
    void ehloInvalidDomainName() throws Exception {
        var run = probe(EHLO_REFUSED.address().getPort());

        run.pageShows(
                "our mail admin",
                "invalid characters in domain name",
                "connection restrictions on destination smtp server");
        assertThat(run.escalation())
                .contains("EHLO name:          contoso.test")
                .contains("  C: EHLO contoso.test\n  S: 501 5.5.4 Invalid domain name\n");
    }

    @Test
    void mailInvalidAddress() throws Exception {
        var run = probe(SENDER_REFUSED.address().getPort());

        run.pageShows("our mail admin", "a syntax error in the sender's email address");
        assertThat(run.escalation())
                .contains("  C: MAIL FROM:<helpdesk@contoso.test>\n  S: 550 5.1.7 Invalid address\n");
    }

    @Test
    void mailClientWasNotAuthenticated() throws Exception {
        var run = probe(ANONYMOUS_REFUSED.address().getPort());

        run.pageShows(
                "the recipient's mail admin",
                "the destination server does not accept anonymous message submissions",
                "receive connector accepting anonymous connections");
        assertThat(run.escalation())
                .contains("  C: MAIL FROM:<helpdesk@contoso.test>\n  S: 530 5.7.1 Client was not authenticated\n");
    }

    @Test
    void rcptUnknownUserThroughTheMxRecord() throws Exception {
        var run = start("""
                {"rcptTo": ["chris@fabrikam.test"], "mailFrom": "helpdesk@contoso.test"}
                """);

        run.pageShows("the user", "the specified recipient does not exist");
        assertThat(run.escalation())
                .contains("MX host:            mail1.fabrikam.test (preference 10)")
                .contains("  C: RCPT TO:<chris@fabrikam.test>\n  S: 550 5.1.1 User unknown\n")
                .containsPattern("From \\(our address\\): 127\\.0\\.0\\.1:\\d+\n");
    }

    /** A finished run, its page as text (entities decoded, lower case) and its top finding's owner. */
    private record Run(String id, String page, String escalation) {

        /** The page names who acts, as a person, and shows the expected texts. */
        void pageShows(String actor, String... expected) {
            assertThat(page).as(id).contains(List.of(expected));
            assertThat(page).as(id).contains("who must act: " + actor);
        }
    }

    private Run probe(int serverPort) throws Exception {
        return start("""
                {"domain": "fabrikam.test", "host": "127.0.0.1", "port": %d, "ehlo": "contoso.test",
                 "mailFrom": "helpdesk@contoso.test", "rcptTo": ["chris@fabrikam.test"]}
                """.formatted(serverPort));
    }

    private Run start(String body) throws Exception {
        var id = app.startAndFinish(body);
        var page = HtmlUtils.htmlUnescape(app.get("/probes/" + id).body())
                .toLowerCase(Locale.ROOT)
                .replaceAll("<[^>]+>", "")
                .replaceAll("\\s+", " ");
        var escalation = app.get("/probes/" + id + "/escalation.txt");
        assertThat(escalation.statusCode()).isEqualTo(200);
        return new Run(id, page, escalation.body());
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
