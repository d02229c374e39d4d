package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.postfix.PostfixServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application against Debian's Postfix on loopback: STARTTLS with a self-signed
 * certificate, an unknown recipient, a listener that requires TLS, DSN and a real DATA
 * transaction. The DNS server maps {@code example.test}'s MX to Postfix, so the certificate is
 * checked against the MX name {@code mx.example.test}, as a sending server would.
 */
@Tag("system")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostfixSystemTest {

    @RegisterExtension
    static final PostfixTier TIER = new PostfixTier();

    static final PostfixServer POSTFIX = TIER.server();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TIER.reach(registry);
        registry.add("mailflow.probe.data-enabled", () -> "true");
        MailflowApi.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void startTlsWithASelfSignedCertificateIsReportedInTheTranscriptAndTheJson() throws Exception {
        var result = api().probe("""
                {"rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test"}
                """);
        var session = onlySession(result);

        assertThat(texts(session, "S").getFirst()).as(POSTFIX.log()).startsWith("220 mx.example.test ESMTP Postfix");
        assertThat(texts(session, "C"))
                .containsSubsequence(
                        "EHLO probe.contoso.test",
                        "STARTTLS",
                        "EHLO probe.contoso.test",
                        "MAIL FROM:<helpdesk@contoso.test>",
                        "RCPT TO:<kate@example.test>");
        assertThat(texts(session, "S")).anyMatch(t -> t.startsWith("250 2.1.5"));

        var tls = session.get("tls");
        assertThat(tls.get("protocol").asString()).isEqualTo("TLSv1.3");
        assertThat(tls.get("cipherSuite").asString()).startsWith("TLS_");
        assertThat(tls.get("trusted").asBoolean()).isFalse();
        assertThat(tls.get("trustProblem").asString()).contains("self-signed");
        assertThat(tls.get("hostnameMatches").asBoolean())
                .as("the certificate names mx.example.test, the MX host")
                .isTrue();
        assertThat(tls.get("daysUntilExpiry").asLong()).isBetween(28L, 30L);
        assertThat(tls.get("chain").get(0).get("subject").asString()).contains("mx.example.test");

        assertThat(findingIds(result)).contains("tls.untrusted");
        assertThat(result.get("findings").toString()).contains("self-signed");
    }

    @Test
    void anUnknownRecipientBounces() throws Exception {
        var result = api().probe("""
                {"rcptTo": ["nobody@example.test"], "mailFrom": "helpdesk@contoso.test"}
                """);

        assertThat(texts(onlySession(result), "S"))
                .anyMatch(t -> t.startsWith("550 5.1.1") && t.contains("User unknown in local recipient table"));
        assertThat(titles(result)).contains("the recipient does not exist");
        assertThat(api().get("/probes/" + result.get("id").asString())).contains("outcome-bounce");
    }

    @Test
    void theTlsRequiredListenerRefusesMailWithoutStartTls() throws Exception {
        var result = api().probe("""
                {"domain": "example.test", "host": "127.0.0.1", "port": %d, "tls": "NONE",
                 "rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test"}
                """.formatted(POSTFIX.tlsRequiredPort()));
        var session = onlySession(result);

        assertThat(texts(session, "C")).doesNotContain("STARTTLS");
        assertThat(texts(session, "S")).contains("530 5.7.0 Must issue a STARTTLS command first");
        assertThat(findingIds(result)).contains("tls.starttls-required");
    }

    @Test
    void dsnNotifyIsSentBecausePostfixAdvertisesDsn() throws Exception {
        var result = api().probe("""
                {"rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test",
                 "notify": ["SUCCESS", "FAILURE"]}
                """);

        assertThat(texts(onlySession(result), "S")).anyMatch(t -> t.equals("250-DSN"));
        assertThat(texts(onlySession(result), "C"))
                .anyMatch(t -> t.startsWith("RCPT TO:<kate@example.test>") && t.contains("NOTIFY=SUCCESS,FAILURE"));
    }

    @Test
    void aTestMessageIsQueuedByPostfix() throws Exception {
        var result = api().probe("""
                {"rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test", "quitAfter": "DATA",
                 "message": {"subject": "mailflow system test", "body": ".a line starting with a dot"}}
                """);
        var session = onlySession(result);

        assertThat(texts(session, "C")).contains("DATA");
        assertThat(texts(session, "S")).anyMatch(t -> t.startsWith("354"));
        assertThat(texts(session, "S")).anyMatch(t -> t.matches("250 2\\.0\\.0 Ok: queued as [0-9A-Za-z]+"));
        assertThat(findingIds(result)).contains("data.accepted");
    }

    private MailflowApi api() {
        return new MailflowApi(port);
    }

    private static JsonNode onlySession(JsonNode result) {
        assertThat(result.get("sessions")).as(result.toString()).hasSize(1);
        return result.get("sessions").get(0);
    }

    /** The session's transcript lines in one direction: C sent, S received, I mailflow's notes. */
    private static List<String> texts(JsonNode session, String dir) {
        var texts = new ArrayList<String>();
        session.get("transcript").forEach(line -> {
            if (line.get("dir").asString().equals(dir)) {
                texts.add(line.get("text").asString());
            }
        });
        return texts;
    }

    private static List<String> findingIds(JsonNode result) {
        var ids = new ArrayList<String>();
        result.get("findings").forEach(f -> ids.add(f.get("id").asString()));
        return ids;
    }

    private static List<String> titles(JsonNode result) {
        var titles = new ArrayList<String>();
        result.get("findings").forEach(f -> titles.add(f.get("title").asString()));
        return titles;
    }
}
