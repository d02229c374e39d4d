package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.postfix.PostfixServer;
import dev.mailflow.testing.smtp.SmtpTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test mailbox as a real MTA reaches it: Debian's Postfix, with the mailbox's listener as its
 * relayhost, takes a message on 127.0.0.1 and relays it; the report shows what Postfix did (its
 * STARTTLS, its HELO name) and Postfix's own Received header among the hops.
 */
@Tag("system")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxRelaySystemTest {

    static final String DOMAIN = "check.mailflow.test";
    static final int INBOX_PORT = freePort();
    static final PostfixServer POSTFIX = startPostfix();

    static final TestDnsServer DNS = TestDnsServer.builder()
            .zone("contoso.test", """
                    @   TXT "v=spf1 ip4:127.0.0.1 -all"
                    """)
            .zone("127.in-addr.arpa", """
                    1.0.0   PTR mx.example.test.
                    """)
            .zone(PostfixServer.DOMAIN, """
                    mx  A  127.0.0.1
                    """)
            .start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mailflow.dns.servers", DNS::server);
        registry.add("mailflow.dns.timeout", () -> "2s");
        registry.add("mailflow.posture.dnsbl-zones", () -> "");
        registry.add("mailflow.inbox.enabled", () -> "true");
        registry.add("mailflow.inbox.port", () -> INBOX_PORT);
        registry.add("mailflow.inbox.address", () -> "127.0.0.1");
        registry.add("mailflow.inbox.domain", () -> DOMAIN);
        MailflowApi.register(registry);
    }

    @BeforeAll
    static void needsPostfix() {
        SystemTier.requires(POSTFIX != null, "Postfix is not installed or we are not root");
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (POSTFIX != null) {
            POSTFIX.close();
        }
        DNS.close();
    }

    @Test
    void aMessageRelayedByPostfixShowsItsTlsAndHelo() throws Exception {
        var api = new MailflowApi(port);
        var json = JsonMapper.builder().build();
        var box = json.readTree(api.post("/api/inbox", 201));
        String address = box.get("address").asString();
        try (var smtp = SmtpTestClient.connect(POSTFIX.port(), Duration.ofSeconds(30))) {
            assertThat(smtp.reply()).startsWith("220");
            smtp.command("EHLO client.contoso.test");
            assertThat(smtp.command("MAIL FROM:<kate@contoso.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + address + ">"))
                    .as(POSTFIX.log())
                    .startsWith("250");
            String message = "From: Kate <kate@contoso.test>\r\nTo: <" + address + ">\r\n"
                    + "Subject: relayed by Postfix\r\nMessage-ID: <relay-test@contoso.test>\r\n\r\nHello.\r\n";
            assertThat(smtp.data(message.getBytes(StandardCharsets.US_ASCII))).startsWith("250");
            smtp.command("QUIT");
        }
        JsonNode report = null;
        for (int i = 0; i < 600 && (report == null || !report.get("analysed").asBoolean()); i++) {
            Thread.sleep(100);
            report = json.readTree(api.get("/api/inbox/" + box.get("id").asString()));
        }
        assertThat(report.get("analysed").asBoolean()).as(POSTFIX.log()).isTrue();
        assertThat(report.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(report.get("from").get("helo").asString()).isEqualTo(PostfixServer.HOST_NAME);
        assertThat(report.get("from").get("heloResolves").asBoolean()).isTrue();
        assertThat(report.get("from").get("ptr").asString()).isEqualTo(PostfixServer.HOST_NAME);
        assertThat(report.get("tls").get("version").asString()).startsWith("TLSv1.");
        assertThat(report.get("mailFrom").asString()).isEqualTo("kate@contoso.test");
        assertThat(report.get("spf").get("result").asString()).isEqualTo("PASS");
        assertThat(report.get("headers").get("hops").toString()).contains(PostfixServer.HOST_NAME);
    }

    private static int freePort() {
        try {
            return PostfixServer.freePort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PostfixServer startPostfix() {
        if (!PostfixServer.available()) {
            return null;
        }
        try {
            return PostfixServer.relayingTo(INBOX_PORT);
        } catch (Exception e) {
            throw new IllegalStateException("Postfix is installed but did not start", e);
        }
    }
}
