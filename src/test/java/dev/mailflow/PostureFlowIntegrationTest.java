package dev.mailflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The posture of a run, whole application: a DNSSEC-signed recipient zone, a sender whose SPF does
 * not authorise our configured address while its DMARC says p=reject, a blocklist listing the MX
 * address. The JSON result, the event streams and the run page all carry it.
 */
class PostureFlowIntegrationTest extends RunningApp {

    static final ScriptedSmtpServer MX = ScriptedSmtpServer.start(s -> s);

    static final TestDnsServer DNS = TestDnsServer.builder()
            .signedZone("example.test", """
                    @           MX  10 mx1
                    mx1         A   127.0.0.1
                    _smtp._tls  TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.test"
                    """)
            .zone("contoso.test", """
                    @       TXT "v=spf1 ip4:198.51.100.0/24 -all"
                    _dmarc  TXT "v=DMARC1; p=reject; rua=mailto:dmarc@contoso.test"
                    out     A   192.0.2.77
                    """)
            .zone("2.0.192.in-addr.arpa", """
                    77  PTR out.contoso.test.
                    """)
            .zone("bl.test", """
                    1.0.0.127  A   127.0.0.2
                    1.0.0.127  TXT "listed for testing"
                    """)
            .start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        reach(
                registry,
                DNS,
                "127.0.0.0/8",
                "out.contoso.test",
                MX.address().getPort(),
                MX.address().getPort());
        registry.add("mailflow.posture.dnsbl-zones", () -> "bl.test");
        registry.add("mailflow.posture.our-addresses", () -> "192.0.2.77");
        registry.add("mailflow.posture.trust-anchors", PostureFlowIntegrationTest::anchors);
        TestUser.register(registry);
    }

    private static String anchors() {
        try {
            Path file = Files.createTempFile("anchors", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, DNS.trustAnchor("example.test"));
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopServers() {
        MX.close();
        DNS.close();
    }

    @Test
    void theResultCarriesOneObjectPerCheckWithItsRecordsAndFindings() throws Exception {
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test"}
                """);
        var result = json.readTree(app.get("/api/probes/" + id).body());

        var posture = result.get("posture");
        assertThat(checks(posture))
                .contains(
                        "MTA_STS NOT_PUBLISHED",
                        "TLS_RPT PASS",
                        "DNSSEC PASS",
                        "DANE NOT_PUBLISHED",
                        "BLOCKLISTS WARN",
                        "SPF FAIL",
                        "DMARC FAIL",
                        "EGRESS PASS",
                        "PORT_25 PASS");
        var dmarc = find(posture, "DMARC");
        assertThat(dmarc.get("records").get(0).asString())
                .isEqualTo("v=DMARC1; p=reject; rua=mailto:dmarc@contoso.test");
        assertThat(dmarc.get("findings").get(0).asString()).isEqualTo("posture.dmarc-spf-refused");

        var findings = result.get("findings").toString();
        assertThat(findings).contains("posture.dmarc-spf-refused", "posture.spf-fail", "posture.dnsbl-mx-listed");
        assertThat(findings).contains("SENDER");
    }

    @Test
    void anAcceptedRecipientOfASenderWhoseDmarcRejectsIsLikelyRefusedNeverPlainDeliverable() throws Exception {
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test"}
                """);
        var result = json.readTree(app.get("/api/probes/" + id).body());

        assertThat(result.get("outcome").asString()).isEqualTo("DELIVERABLE");
        assertThat(result.get("risk").asString()).isEqualTo("LIKELY_REFUSED");
        assertThat(result.get("risks").valueStream().map(JsonNode::asString)).contains("posture.dmarc-spf-refused");
        assertThat(result.get("verdict").asString()).startsWith("Accepted now — likely refused:");
        assertThat(result.get("findings").get(0).get("id").asString()).isEqualTo("posture.dmarc-spf-refused");
        assertThat(result.get("customerMessage").asString()).contains("will most likely refuse mail from contoso.test");

        var page = app.get("/probes/" + id).body();
        assertThat(page)
                .contains("outcome-at-risk")
                .contains(">likely refused<")
                .doesNotContain("outcome-deliverable");
    }

    @Test
    void theStreamsAnnounceEachCheckAndTheRunPageShowsThePanel() throws Exception {
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test"}
                """);

        assertThat(app.events("/api/probes/" + id + "/events").stream().filter("posture"::equals))
                .hasSizeGreaterThanOrEqualTo(9);
        assertThat(app.events("/probes/" + id + "/stream").stream().filter("posture"::equals))
                .hasSizeGreaterThanOrEqualTo(9);
        var page = app.get("/probes/" + id).body();
        assertThat(page).contains("id=\"posture-dmarc\"", "id=\"posture-mta-sts\"", "DMARC of the sender");
        assertThat(page).contains("v=DMARC1; p=reject; rua=mailto:dmarc@contoso.test");
        assertThat(page).doesNotContain("checking…");
    }

    @Test
    void anExplicitHostHasNoPosture() throws Exception {
        var id = app.startAndFinish("""
                {"host": "127.0.0.1", "mailFrom": "helpdesk@contoso.test", "rcptTo": ["kate@example.test"]}
                """);
        var result = json.readTree(app.get("/api/probes/" + id).body());

        assertThat(result.get("posture").isEmpty()).isTrue();
        assertThat(app.get("/probes/" + id).body()).doesNotContain("posture-title");
    }

    private static List<String> checks(JsonNode posture) {
        var all = new ArrayList<String>();
        posture.forEach(
                c -> all.add(c.get("check").asString() + " " + c.get("status").asString()));
        return all;
    }

    private static JsonNode find(JsonNode posture, String check) {
        for (var c : posture) {
            if (c.get("check").asString().equals(check)) {
                return c;
            }
        }
        throw new AssertionError("no " + check + " in " + posture);
    }
}
