package dev.mailflow.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.MailflowInstance;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application on its default embedded database, as an operator tries it: start a probe,
 * restart the app, open the permalink; list, filter and compare runs through the API and pages.
 */
class HistoryAppTest {

    static final ScriptedSmtpServer SERVER = ScriptedSmtpServer.start(
            s -> s.on("RCPT", "550 5.1.1 <kate@restart.test>: Recipient address rejected: User unknown"));
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A signed recipient zone, a sender whose SPF does not authorise us, a blocklist listing the MX. */
    static final TestDnsServer DNS = TestDnsServer.builder()
            .signedZone("posture.test", """
                    @           MX  10 mx1
                    mx1         A   127.0.0.1
                    _smtp._tls  TXT "v=TLSRPTv1; rua=mailto:tls-reports@posture.test"
                    """)
            .zone("contoso.test", """
                    @       TXT "v=spf1 ip4:198.51.100.0/24 -all"
                    _dmarc  TXT "v=DMARC1; p=reject; rua=mailto:dmarc@contoso.test"
                    """)
            .zone("xn--fa-hia.test", """
                    @   MX  10 mx
                    mx  A   127.0.0.1
                    """)
            .zone("bl.test", """
                    1.0.0.127  A   127.0.0.2
                    1.0.0.127  TXT "listed for testing"
                    """)
            .start();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        SERVER.close();
        DNS.close();
    }

    static String request(String domain) {
        return """
                {"domain": "%s", "rcptTo": ["kate@%s"], "host": "127.0.0.1", "port": %d, "tls": "NONE"}""".formatted(domain, domain, SERVER.address().getPort());
    }

    MailflowInstance start() {
        return MailflowInstance.start(
                SERVER.address().getPort(),
                Map.of("mailflow.history.dir", dir.resolve("data").toString()));
    }

    MailflowInstance startWithDns() throws Exception {
        var anchors = dir.resolve("anchors.txt");
        Files.writeString(anchors, DNS.trustAnchor("posture.test"));
        return MailflowInstance.start(
                SERVER.address().getPort(),
                Map.of(
                        "mailflow.history.dir",
                        dir.resolve("data").toString(),
                        "mailflow.dns.servers",
                        DNS.server(),
                        "mailflow.dns.timeout",
                        "2s",
                        "mailflow.posture.dnsbl-zones",
                        "bl.test",
                        "mailflow.posture.our-addresses",
                        "192.0.2.77",
                        "mailflow.posture.trust-anchors",
                        anchors.toString()));
    }

    @Test
    void aRestartKeepsTheRunsPostureAndTheHomePageListsTheRun() throws Exception {
        String id;
        JsonNode before;
        String pageBefore;
        try (var app = startWithDns()) {
            id = app.client().startAndFinish("""
                    {"rcptTo": ["kate@posture.test"], "mailFrom": "helpdesk@contoso.test", "tls": "NONE"}""");
            before = JSON.readTree(app.client().get("/api/probes/" + id).body());
            pageBefore = app.client().get("/probes/" + id).body();
        }
        assertThat(checks(before.get("posture")))
                .contains("DNSSEC PASS", "TLS_RPT PASS", "BLOCKLISTS WARN", "SPF FAIL", "DMARC FAIL")
                .hasSize(9);
        assertThat(pageBefore).contains("id=\"posture-dmarc\"");

        try (var app = startWithDns()) {
            var client = app.client();
            var after = JSON.readTree(client.get("/api/probes/" + id).body());
            assertThat(after).isEqualTo(before);
            var page = client.get("/probes/" + id).body();
            assertThat(page)
                    .contains(
                            "id=\"posture-dmarc\"",
                            "id=\"posture-mta-sts\"",
                            "DMARC of the sender",
                            "v=DMARC1; p=reject; rua=mailto:dmarc@contoso.test")
                    .doesNotContain("checking…");
            assertThat(rows(page, "posture-")).isEqualTo(rows(pageBefore, "posture-"));

            var home = client.get("/").body();
            assertThat(home).contains("/probes/" + id, "kate@posture.test", "outcome-bounce");
        }
    }

    @Test
    void aProbeOfAnInternationalAddressGoesToItsALabelDomainAndIsListedUnderIt() throws Exception {
        try (var app = startWithDns()) {
            var client = app.client();
            var id = client.startAndFinish("""
                    {"rcptTo": ["kate@faß.test"], "tls": "NONE"}""");
            var result = JSON.readTree(client.get("/api/probes/" + id).body());
            assertThat(result.get("dns").get("domain").asString()).isEqualTo("xn--fa-hia.test");
            assertThat(result.get("dns").get("mx").get(0).get("host").asString())
                    .isEqualTo("mx.xn--fa-hia.test");
            assertThat(client.get("/probes/" + id + "/transcript.txt").body())
                    .contains("RCPT TO:<kate@xn--fa-hia.test>");

            for (var asked : List.of("xn--fa-hia.test", "fa%C3%9F.test")) {
                var list =
                        JSON.readTree(client.get("/api/probes?domain=" + asked).body());
                assertThat(list.get("runs")).hasSize(1);
                assertThat(list.get("runs").get(0).get("id").asString()).isEqualTo(id);
                assertThat(list.get("runs").get(0).get("domain").asString()).isEqualTo("xn--fa-hia.test");
            }
            assertThat(JSON.readTree(client.get("/api/probes?domain=fass.test").body())
                            .get("runs"))
                    .isEmpty();
        }
    }

    /** The ids of the page's elements whose id starts with {@code prefix}, in page order. */
    private static List<String> rows(String page, String prefix) {
        var ids = new ArrayList<String>();
        var matcher =
                Pattern.compile("id=\"(" + Pattern.quote(prefix) + "[^\"]*)\"").matcher(page);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static List<String> checks(JsonNode posture) {
        var all = new ArrayList<String>();
        posture.forEach(
                c -> all.add(c.get("check").asString() + " " + c.get("status").asString()));
        return all;
    }

    @Test
    void aRestartKeepsThePermalinkAndTheHistoryListsComparesAndFiltersRuns() throws Exception {
        String first;
        JsonNode before;
        try (var app = start()) {
            first = app.client().startAndFinish(request("restart.test"));
            before = JSON.readTree(app.client().get("/api/probes/" + first).body());
        }
        assertThat(Files.list(dir.resolve("data"))).isNotEmpty();

        try (var app = start()) {
            var client = app.client();
            assertThat(client.get("/").body())
                    .contains(
                            "/probes/" + first, "127.0.0.1:" + SERVER.address().getPort(), "outcome-bounce");
            var after = client.get("/api/probes/" + first);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(after.body())).isEqualTo(before);
            assertThat(before.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(client.get("/probes/" + first).body()).contains("User unknown");
            assertThat(client.get("/probes/" + first + "/transcript.txt").body())
                    .contains("RCPT TO:<kate@restart.test>");

            var second = client.startAndFinish(request("restart.test"));
            var other = client.startAndFinish(request("other.test"));

            var list = JSON.readTree(
                    client.get("/api/probes?domain=restart.test&limit=1").body());
            assertThat(list.get("runs")).hasSize(1);
            var newest = list.get("runs").get(0);
            assertThat(newest.get("id").asString()).isEqualTo(second);
            assertThat(newest.get("outcome").asString()).isEqualTo("BOUNCE");
            assertThat(newest.get("rcptTo").get(0).asString()).isEqualTo("kate@restart.test");
            assertThat(newest.get("owner").asString()).isEqualTo("helpdesk");
            var next = list.get("next").asString();
            var older = JSON.readTree(client.get("/api/probes?domain=restart.test&limit=1&before=" + next)
                    .body());
            assertThat(older.get("runs").get(0).get("id").asString()).isEqualTo(first);
            assertThat(older.get("next").isNull()).isTrue();

            var diff =
                    JSON.readTree(client.get("/api/probes/" + second + "/diff").body());
            assertThat(diff.get("against").asString()).isEqualTo(first);
            assertThat(diff.get("changes")).isEmpty();
            var firstDiff =
                    JSON.readTree(client.get("/api/probes/" + other + "/diff").body());
            assertThat(firstDiff.get("against").isNull()).isTrue();

            var page = client.get("/probes?domain=restart.test");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(first, second).doesNotContain(other);
            var runPage = client.get("/probes/" + second).body();
            assertThat(runPage).contains("Earlier runs to", first, "changes-none");
        }
    }

    @Test
    void aFilterThatCannotBeReadIsA400NamingTheField() throws Exception {
        try (var app = start()) {
            var api = app.client().get("/api/probes?outcome=sideways&limit=1000&before=x");
            assertThat(api.statusCode()).isEqualTo(400);
            assertThat(api.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(api.body()).contains("outcome", "limit", "before");
            var page = app.client().get("/probes?from=yesterday");
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("a date as YYYY-MM-DD").doesNotContain("Exception");
        }
    }
}
