package dev.mailflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.message.TestSigner;
import dev.mailflow.testing.AppClient;
import dev.mailflow.testing.MovableClock;
import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.SmtpTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The test mailbox end to end: an address from the API, a message sent to the listener by an SMTP
 * client in the test (over STARTTLS or in plain text) from 127.0.0.1, and the report read back,
 * with SPF, PTR and blocklists answered by the test's DNS server.
 */
class InboxTest extends RunningApp {

    static final String DOMAIN = "check.mailflow.test";

    static final TestSigner SIGNER = signer();

    static final TestDnsServer DNS = TestDnsServer.builder()
            .zone("sender.test", """
                    @       TXT "v=spf1 ip4:127.0.0.0/8 -all"
                    _dmarc  TXT "v=DMARC1; p=reject"
                    mail    A   127.0.0.1
                    """ + SIGNER.zoneRecord("") + "\n")
            .zone("softfail.test", """
                    @       TXT "v=spf1 ip4:192.0.2.1 ~all"
                    """)
            .zone("excluded.test", """
                    @       TXT "v=spf1 ip4:192.0.2.1 -all"
                    _dmarc  TXT "v=DMARC1; p=reject"
                    """)
            .zone("127.in-addr.arpa", """
                    1.0.0   PTR mail.sender.test.
                    """)
            .zone("bl.test", """
                    1.0.0.127.dirty  A   127.0.0.2
                    1.0.0.127.dirty  TXT "listed for testing"
                    """)
            .start();

    static TestSigner signer() {
        try {
            return TestSigner.rsa(2048, "sender.test", "mailflow");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    InboxListener listener;

    @Autowired
    InboxStore store;

    @Autowired
    InboxProperties properties;

    @Autowired
    InboxEvents events;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mailflow.dns.servers", DNS::server);
        registry.add("mailflow.dns.timeout", () -> "2s");
        registry.add("mailflow.posture.dnsbl-zones", () -> "clean.bl.test,dirty.bl.test");
        registry.add("mailflow.inbox.enabled", () -> "true");
        registry.add("mailflow.inbox.port", () -> "0");
        registry.add("mailflow.inbox.address", () -> "127.0.0.1");
        registry.add("mailflow.inbox.domain", () -> DOMAIN);
        registry.add("mailflow.inbox.max-message-size", () -> "64KB");
        registry.add("mailflow.inbox.limits.sessions-per-source", () -> "500");
        registry.add("mailflow.inbox.limits.connections-per-source", () -> "4");
        registry.add("mailflow.inbox.limits.session-timeout", () -> "4s");
        registry.add("mailflow.inbox.limits.command-timeout", () -> "2s");
        TestUser.register(registry);
        registry.add("mailflow.security.users[1].name", () -> "other");
        registry.add("mailflow.security.users[1].password", () -> TestUser.ENCODED_PASSWORD);
        registry.add("mailflow.security.users[1].roles", () -> "OPERATOR");
        registry.add("mailflow.security.users[2].name", () -> "boss");
        registry.add("mailflow.security.users[2].password", () -> TestUser.ENCODED_PASSWORD);
        registry.add("mailflow.security.users[2].roles", () -> "ADMIN");
        registry.add("mailflow.security.users[3].name", () -> "viewer");
        registry.add("mailflow.security.users[3].password", () -> TestUser.ENCODED_PASSWORD);
        registry.add("mailflow.security.users[3].roles", () -> "VIEWER");
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void signedMessageOverStartTlsFromAnSpfAllowedDomainShowsTlsPtrSpfDkimAndDmarcPass() throws Exception {
        var box = newAddress();
        try (var smtp = client()) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.command("EHLO mail.sender.test")).contains("STARTTLS");
            assertThat(smtp.startTls()).startsWith("220");
            assertThat(smtp.command("EHLO mail.sender.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<kate@sender.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + box.get("address").asString() + ">"))
                    .startsWith("250");
            assertThat(smtp.data(signed("kate@sender.test", box.get("address").asString())))
                    .startsWith("250");
            smtp.command("QUIT");
        }
        var report = analysed(box.get("id").asString());
        assertThat(report.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(report.get("dkim").get(0).get("domain").asString()).isEqualTo("sender.test");
        assertThat(report.get("dkim").get(0).get("selector").asString()).isEqualTo("mailflow");
        assertThat(report.get("dkim").get(0).get("algorithm").asString()).isEqualTo("rsa-sha256");
        assertThat(report.get("dkim").get(0).get("result").asString()).isEqualTo("PASS");
        assertThat(report.get("dmarc").get("result").asString()).isEqualTo("pass");
        assertThat(report.get("dmarc").get("policy").asString()).isEqualTo("reject");
        assertThat(report.get("dmarc").get("alignment").get("dkim").asString()).isEqualTo("sender.test");
        assertThat(report.get("dmarc").get("alignment").get("spf").asString()).isEqualTo("sender.test");
        assertThat(report.get("headers").get("hops").size()).isPositive();
        assertThat(report.get("tls").get("version").asString()).startsWith("TLSv1.");
        assertThat(report.get("tls").get("cipher").asString()).startsWith("TLS_");
        assertThat(report.get("from").get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(report.get("from").get("ptr").asString()).isEqualTo("mail.sender.test");
        assertThat(report.get("from").get("fcrdns").asBoolean()).isTrue();
        assertThat(report.get("from").get("helo").asString()).isEqualTo("mail.sender.test");
        assertThat(report.get("from").get("heloResolves").asBoolean()).isTrue();
        assertThat(report.get("mailFrom").asString()).isEqualTo("kate@sender.test");
        assertThat(report.get("headerFrom").asString()).isEqualTo("sender.test");
        assertThat(report.get("spf").get("result").asString()).isEqualTo("PASS");
        assertThat(report.get("spf").get("domain").asString()).isEqualTo("sender.test");
        assertThat(report.get("spf").get("term").asString()).isEqualTo("ip4:127.0.0.0/8");
        assertThat(report.get("blocklists").toString())
                .contains("\"zone\":\"clean.bl.test\",\"state\":\"NOT_LISTED\"")
                .contains("\"zone\":\"dirty.bl.test\",\"state\":\"LISTED\"");
        assertThat(report.get("size").asLong()).isPositive();
        var page = app.get("/inbox/" + box.get("id").asString()).body();
        assertThat(page)
                .contains("Header analysis")
                .contains("DKIM aligned: sender.test")
                .contains(report.get("tls").get("version").asString())
                .doesNotContain("sse-connect");
        assertThat(app.get("/probes").body()).contains(box.get("address").asString());
        assertThat(report.get("findings").toString())
                .contains("inbox.tls")
                .contains("inbox.spf-pass")
                .contains("inbox.ptr-confirmed")
                .contains("inbox.dkim-pass")
                .contains("inbox.dmarc-pass")
                .contains("127.0.0.1 is listed in dirty.bl.test: listed for testing");
    }

    @Test
    void plainMessageFromADomainWhoseSpfExcludesTheSenderShowsNoTlsAndSpfFail() throws Exception {
        var report = sendPlain("bob@excluded.test");
        assertThat(report.get("tls").isNull()).isTrue();
        assertThat(report.get("spf").get("result").asString()).isEqualTo("FAIL");
        assertThat(report.get("spf").get("term").asString()).isEqualTo("-all");
        assertThat(report.get("dkim").size()).isZero();
        assertThat(report.get("dmarc").get("result").asString()).isEqualTo("fail");
        assertThat(report.get("findings").toString())
                .contains("DMARC fails for From: excluded.test")
                .contains("Your server sent without TLS")
                .contains("SPF fail: 127.0.0.1 is not in excluded.test's SPF");
    }

    @Test
    void aSignatureOfAnotherDomainPassesDkimButNotDmarc() throws Exception {
        var box = newAddress();
        String address = box.get("address").asString();
        try (var smtp = client()) {
            smtp.reply();
            smtp.command("EHLO mail.sender.test");
            smtp.command("MAIL FROM:<bob@excluded.test>");
            smtp.command("RCPT TO:<" + address + ">");
            assertThat(smtp.data(signed("bob@excluded.test", address))).startsWith("250");
        }
        var report = analysed(box.get("id").asString());
        assertThat(report.get("dkim").get(0).get("result").asString()).isEqualTo("PASS");
        assertThat(report.get("dmarc").get("result").asString()).isEqualTo("fail");
        assertThat(report.get("findings").toString())
                .contains("DKIM passes, but d=sender.test is not aligned with From: excluded.test, so DMARC fails");
    }

    @Test
    void softfailSourceIsReportedAsSoftfail() throws Exception {
        var report = sendPlain("ann@softfail.test");
        assertThat(report.get("spf").get("result").asString()).isEqualTo("SOFTFAIL");
        assertThat(report.get("findings").toString()).contains("SPF softfail: 127.0.0.1 is not in softfail.test's SPF");
    }

    @Test
    void unknownAddressesAndOtherDomainsAreRefused() throws Exception {
        try (var smtp = client()) {
            smtp.reply();
            smtp.command("EHLO mail.sender.test");
            smtp.command("MAIL FROM:<kate@sender.test>");
            assertThat(smtp.command("RCPT TO:<check-aaaaaaaaaaaaaaaaaaaa@" + DOMAIN + ">"))
                    .startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<postmaster@" + DOMAIN + ">")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<kate@example.com>")).startsWith("550 5.7.1 relaying denied");
            assertThat(smtp.command("DATA")).startsWith("503");
        }
        var metrics = app.get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("mailflow_inbox_messages_total{result=\"unknown_address\"}")
                .contains("mailflow_inbox_messages_total{result=\"relay_refused\"}")
                .contains("mailflow_inbox_messages_total{result=\"received\"}");
    }

    @Test
    void expiredAddressIsRefused() throws Exception {
        var past = Instant.now().minus(Duration.ofHours(2));
        var address = "check-expiredaddress234567@" + DOMAIN;
        store.add(new Mailbox(
                "0123456789abcdef0123456789abcdef", address, TestUser.NAME, past, past.plusSeconds(60), null, null));
        try (var smtp = client()) {
            smtp.reply();
            smtp.command("EHLO mail.sender.test");
            smtp.command("MAIL FROM:<kate@sender.test>");
            assertThat(smtp.command("RCPT TO:<" + address + ">"))
                    .startsWith("550 5.1.1")
                    .contains("expired");
        }
        var report = json.readTree(
                app.get("/api/inbox/0123456789abcdef0123456789abcdef").body());
        assertThat(report.get("status").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void secondMessageToAnAddressIsRefused() throws Exception {
        var box = newAddress();
        String address = box.get("address").asString();
        try (var smtp = client()) {
            smtp.reply();
            smtp.command("EHLO mail.sender.test");
            smtp.command("MAIL FROM:<kate@sender.test>");
            smtp.command("RCPT TO:<" + address + ">");
            assertThat(smtp.data(message("kate@sender.test", address))).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<kate@sender.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + address + ">"))
                    .startsWith("550 5.7.1")
                    .contains("already received its one message");
        }
    }

    @Test
    void oversizedMessageIsRefusedAndTheAddressStaysOpen() throws Exception {
        var box = newAddress();
        String address = box.get("address").asString();
        var big = new StringBuilder(new String(message("kate@sender.test", address), StandardCharsets.US_ASCII));
        while (big.length() < 80 * 1024) {
            big.append("x".repeat(76)).append("\r\n");
        }
        try (var smtp = client()) {
            smtp.reply();
            smtp.command("EHLO mail.sender.test");
            assertThat(smtp.command("MAIL FROM:<kate@sender.test> SIZE=200000")).startsWith("552");
            smtp.command("MAIL FROM:<kate@sender.test>");
            smtp.command("RCPT TO:<" + address + ">");
            assertThat(smtp.data(big.toString().getBytes(StandardCharsets.US_ASCII)))
                    .startsWith("552 5.3.4");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
        var report =
                json.readTree(app.get("/api/inbox/" + box.get("id").asString()).body());
        assertThat(report.get("status").asString()).isEqualTo("WAITING");
    }

    @Test
    void addressesOlderThanTheRetentionArePurgedAndNewerOnesKept() {
        var clock = new MovableClock(Instant.now());
        var mailbox = new TestMailbox(properties, new CheckAddresses(DOMAIN), store, events, clock);
        var old = mailbox.create("kate");
        clock.advance(properties.retention().minusMinutes(1));
        var recent = mailbox.create("kate");
        clock.advance(Duration.ofMinutes(2));

        assertThat(mailbox.purge()).isPositive();

        assertThat(store.find(old.id())).isEmpty();
        assertThat(store.find(recent.id())).isPresent();
    }

    @Test
    void onlyTheOwnerAndAdminsReadAReport() throws Exception {
        var id = newAddress().get("id").asString();
        assertThat(AppClient.as(port, "other", TestUser.PASSWORD)
                        .get("/api/inbox/" + id)
                        .statusCode())
                .isEqualTo(404);
        assertThat(AppClient.as(port, "boss", TestUser.PASSWORD)
                        .get("/api/inbox/" + id)
                        .statusCode())
                .isEqualTo(200);
        assertThat(app.get("/api/inbox/" + id).statusCode()).isEqualTo(200);
        assertThat(app.get("/api/inbox/not-an-id").statusCode()).isEqualTo(404);
        assertThat(AppClient.as(port, "viewer", TestUser.PASSWORD)
                        .post("/api/inbox", "")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void tenThousandRecipientsEndTheConnectionAndTheListenerCarriesOn() throws Exception {
        try (var smtp = client()) {
            smtp.reply();
            smtp.command("EHLO scanner.example");
            smtp.command("MAIL FROM:<scan@example.com>");
            var flood = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                flood.append("RCPT TO:<check-")
                        .append(i)
                        .append("@")
                        .append(DOMAIN)
                        .append(">\r\n");
            }
            try {
                smtp.write(flood.toString());
            } catch (IOException closedWhileWriting) {
                // The server may close before it read the whole flood.
            }
            String last = null;
            for (String reply; (reply = smtp.reply()) != null; ) {
                last = reply;
            }
            assertThat(last).startsWith("421 4.7.0");
        }
        assertStillServing();
    }

    @Test
    void garbageIsRefusedOrCutOffAndTheListenerCarriesOn() throws Exception {
        try (var smtp = client()) {
            smtp.reply();
            smtp.command("EHLO mail.sender.test");
            try {
                smtp.write("\u0000\u00ff\u0001garbage\r\n" + "x".repeat(5000) + "\r\nHELO\r\n");
                for (String reply; (reply = smtp.reply()) != null; ) {
                    assertThat(reply).startsWith("5");
                }
            } catch (IOException cutOff) {
                // Closing on garbage is as good as refusing it.
            }
        }
        assertStillServing();
    }

    @Test
    void commandsPipelinedBehindStartTlsAreDiscarded() throws Exception {
        try (var smtp = client()) {
            smtp.reply();
            smtp.command("EHLO mail.sender.test");
            // CVE-2011-0411: plain-text commands sent with STARTTLS must not be obeyed inside TLS.
            smtp.write("STARTTLS\r\nMAIL FROM:<injected@example.com>\r\n");
            assertThat(smtp.reply()).startsWith("220");
            smtp.upgrade();
            assertThat(smtp.command("RCPT TO:<check-aaaaaaaaaaaaaaaaaaaa@" + DOMAIN + ">"))
                    .startsWith("503");
        }
        assertStillServing();
    }

    @Test
    void aClientThatTricklesIsCutOffByTheSessionDeadline() throws Exception {
        try (var smtp = client()) {
            smtp.reply();
            // One byte per second keeps each read under the command timeout, never finishing a line.
            boolean closed = false;
            for (int i = 0; i < 30 && !closed; i++) {
                try {
                    smtp.write("N");
                    Thread.sleep(1000);
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed || smtp.closedByServer()).isTrue();
        }
        assertStillServing();
    }

    private void assertStillServing() throws IOException {
        try (var smtp = client()) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.command("QUIT")).startsWith("221");
        }
    }

    private JsonNode sendPlain(String from) throws Exception {
        var box = newAddress();
        String address = box.get("address").asString();
        try (var smtp = client()) {
            smtp.reply();
            smtp.command("EHLO mail.sender.test");
            smtp.command("MAIL FROM:<" + from + ">");
            assertThat(smtp.command("RCPT TO:<" + address + ">")).startsWith("250");
            assertThat(smtp.data(message(from, address))).startsWith("250");
            smtp.command("QUIT");
        }
        return analysed(box.get("id").asString());
    }

    private SmtpTestClient client() throws IOException {
        return SmtpTestClient.connect(listener.port(), Duration.ofSeconds(30));
    }

    private JsonNode newAddress() throws Exception {
        var created = app.post("/api/inbox", "");
        assertThat(created.statusCode()).isEqualTo(201);
        var box = json.readTree(created.body());
        assertThat(box.get("address").asString()).matches("check-[a-z2-7]{20}@" + DOMAIN.replace(".", "\\."));
        assertThat(created.headers().firstValue("Location"))
                .hasValue("/api/inbox/" + box.get("id").asString());
        assertThat(box.get("expiresAt").asString()).isNotBlank();
        return box;
    }

    /** The report once analysed (the analysis runs after the 250, on its own thread). */
    private JsonNode analysed(String id) throws Exception {
        for (int i = 0; i < 300; i++) {
            var report = json.readTree(app.get("/api/inbox/" + id).body());
            if (report.get("analysed").asBoolean()) {
                return report;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no report for " + id);
    }

    static byte[] signed(String from, String to) throws Exception {
        String message = new String(message(from, to), StandardCharsets.US_ASCII);
        return SIGNER.sign(message, true, "From", "To", "Subject", "Date", "Message-ID")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] message(String from, String to) {
        return ("From: Kate <" + from + ">\r\n"
                        + "To: <" + to + ">\r\n"
                        + "Subject: mailflow test\r\n"
                        + "Date: Mon, 7 Dec 2026 06:00:00 +0000\r\n"
                        + "Message-ID: <test-" + System.nanoTime() + "@sender.test>\r\n"
                        + "\r\n"
                        + "Hello from the test.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
