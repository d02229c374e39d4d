package dev.mailflow.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailflow.testing.TestToken;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.Action;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import dev.mailflow.testing.smtp.SelfSignedTls;
import dev.mailflow.testing.tls.TestCertificates;
import dev.mailflow.tls.TlsHandshaker;
import dev.mailflow.tls.TlsInspector;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /probe} against real SMTP servers on loopback, as Prometheus calls it: a healthy MX with a
 * trusted certificate, one with a self-signed certificate, a port where nothing listens, a server
 * that never answers; parameters and errors as blackbox_exporter words them; the debug output.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExporterIntegrationTest {

    static final TestCertificates CA = TestCertificates.authority();
    static final TestCertificates.Credential HEALTHY_CERT = CA.leaf("mx.healthy.test");

    static final ScriptedSmtpServer HEALTHY = ScriptedSmtpServer.start(s -> s.startTls(HEALTHY_CERT.serverContext()));
    static final ScriptedSmtpServer UNTRUSTED =
            ScriptedSmtpServer.start(s -> s.startTls(SelfSignedTls.serverContext("mx.untrusted.test")));
    static final ScriptedSmtpServer SILENT = ScriptedSmtpServer.start(s -> s.banner(Action.silence()));
    static final int REFUSED = closedPort();
    /** On 127.0.0.2, which the test blocklist lists; refuses the recipient as a real server would. */
    static final ScriptedSmtpServer REJECTING = rejecting();

    static final TestDnsServer DNS = TestDnsServer.builder()
            .zone("healthy.test", """
                    @    MX 10 mx
                    mx   A  127.0.0.1
                    """)
            .zone("untrusted.test", """
                    mx   A  127.0.0.1
                    """)
            .zone("rejecting.test", """
                    @    MX 10 mx
                    mx   A  127.0.0.2
                    """)
            .zone("sender.test", """
                    @       TXT "v=spf1 ip4:198.51.100.0/24 -all"
                    _dmarc  TXT "v=DMARC1; p=reject"
                    """)
            .zone("bl.test", """
                    2.0.0.127  A   127.0.0.2
                    2.0.0.127  TXT "listed for testing"
                    """)
            .start();

    static final String PROMETHEUS_TOKEN = "mft_prometheus-test-token-with-enough-entropy-0001";
    static final String VIEWER_TOKEN = "mft_viewer-test-token-with-enough-entropy-000000002";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
        registry.add("mailflow.dns.servers", DNS::server);
        registry.add("mailflow.dns.timeout", () -> "2s");
        registry.add("mailflow.targets.allow", () -> "127.0.0.0/8");
        registry.add(
                "mailflow.targets.ports",
                () -> HEALTHY.address().getPort() + "," + UNTRUSTED.address().getPort() + ","
                        + SILENT.address().getPort() + "," + REFUSED + ","
                        + REJECTING.address().getPort());
        registry.add("mailflow.posture.dnsbl-zones", () -> "bl.test");
        registry.add("mailflow.posture.our-addresses", () -> "192.0.2.77");
        registry.add("mailflow.modules.checked.port", () -> REJECTING.address().getPort());
        registry.add("mailflow.modules.checked.tls", () -> "NONE");
        registry.add("mailflow.modules.checked.mail-from", () -> "probe@sender.test");
        registry.add("mailflow.modules.checked.rcpt-to", () -> "nobody@{domain}");
        registry.add("mailflow.smtp.port", () -> HEALTHY.address().getPort());
        registry.add("mailflow.smtp.helo-name", () -> "probe.contoso.test");
        registry.add("mailflow.limits.runs-per-user", () -> "1000");
        registry.add("mailflow.limits.runs-per-domain", () -> "1000");
        TestToken.register(registry, 0, "prometheus", PROMETHEUS_TOKEN, "OPERATOR");
        TestToken.register(registry, 1, "dashboard", VIEWER_TOKEN, "VIEWER");
        registry.add("mailflow.modules.slow.quit-after", () -> "BANNER");
        registry.add("mailflow.modules.slow.timeout", () -> "30s");
        registry.add("mailflow.modules.debugged.quit-after", () -> "BANNER");
        registry.add("mailflow.modules.quiet.quit-after", () -> "BANNER");
        registry.add("mailflow.modules.quiet.posture", () -> "false");
        registry.add("mailflow.modules.watched.quit-after", () -> "BANNER");
        // Every scrape here probes; sharing probes is ScrapeBudgetIntegrationTest's.
        registry.add("mailflow.exporter.coalesce", () -> "0s");
    }

    /** The certificates of this test's CA are trusted, as a public CA's are in production. */
    @TestConfiguration
    static class TrustTheTestCa {
        @Bean
        @Primary
        TlsHandshaker testTrust() {
            return new TlsInspector(CA.trustManager());
        }
    }

    @AfterAll
    static void stop() {
        HEALTHY.close();
        UNTRUSTED.close();
        SILENT.close();
        REJECTING.close();
        DNS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    TrustTheTestCa trust;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aHealthyDomainAnswersEveryMetricWithItsValue() throws Exception {
        var response = probe("target=healthy.test&module=smtp_rcpt", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/plain")
                .contains("version=0.0.4");
        var metrics = response.body();
        var series = "{mx=\"mx.healthy.test\",address=\"127.0.0.1\"}";
        assertThat(samples(metrics))
                .containsAllEntriesOf(samples(List.of(
                        "probe_success 1",
                        "probe_mx_hosts 1",
                        "probe_ip_protocol 4",
                        "probe_smtp_session_success" + series + " 1",
                        "probe_smtp_tls_trusted" + series + " 1",
                        "probe_smtp_starttls_offered" + series + " 1",
                        reply("BANNER", 220),
                        reply("EHLO", 250),
                        reply("TLS", 220),
                        reply("MAIL", 250),
                        reply("RCPT", 250),
                        "probe_smtp_outcome_info{outcome=\"DELIVERABLE\"} 1",
                        "probe_smtp_outcome_info{outcome=\"BOUNCE\"} 0",
                        "probe_smtp_outcome_info{outcome=\"DEFERRED\"} 0",
                        "probe_smtp_outcome_info{outcome=\"UNKNOWN\"} 0",
                        "probe_smtp_findings{severity=\"CRITICAL\"} 0",
                        "probe_tls_version_info{version=\"TLS 1.3\"} 1",
                        "probe_ssl_earliest_cert_expiry " + expiry(HEALTHY_CERT),
                        "probe_ssl_last_chain_expiry_timestamp_seconds " + expiry(HEALTHY_CERT),
                        "probe_ssl_last_chain_info{fingerprint_sha256=\"" + fingerprint(HEALTHY_CERT)
                                + "\",subject=\"CN=mx.healthy.test,O=mailflow tests\""
                                + ",issuer=\"CN=mailflow test CA,O=mailflow tests\""
                                + ",subjectalternative=\"DNS:mx.healthy.test\",serialnumber=\""
                                + HEALTHY_CERT.certificate().getSerialNumber().toString(16) + "\"} 1")));
        for (var phase : List.of("BANNER", "EHLO", "TLS", "MAIL", "RCPT")) {
            assertThat(value(
                            metrics,
                            "probe_smtp_phase_duration_seconds{mx=\"mx.healthy.test\",address=\"127.0.0.1\""
                                    + ",phase=\"" + phase + "\"}"))
                    .isPositive();
        }
        // The connect has its phase too, from the session's own measure (0 ms is possible on loopback).
        assertThat(
                        value(
                                metrics,
                                "probe_smtp_phase_duration_seconds{mx=\"mx.healthy.test\",address=\"127.0.0.1\",phase=\"CONNECT\"}"))
                .isNotNegative();
        assertThat(value(metrics, "probe_duration_seconds")).isPositive();
        assertThat(value(metrics, "probe_dns_lookup_time_seconds")).isPositive();
        assertThat(names(metrics))
                .containsExactlyInAnyOrder(
                        "probe_success",
                        "probe_duration_seconds",
                        "probe_dns_lookup_time_seconds",
                        "probe_ip_protocol",
                        "probe_ssl_earliest_cert_expiry",
                        "probe_ssl_last_chain_expiry_timestamp_seconds",
                        "probe_tls_version_info",
                        "probe_ssl_last_chain_info",
                        "probe_smtp_session_success",
                        "probe_smtp_phase_duration_seconds",
                        "probe_smtp_reply_code",
                        "probe_smtp_tls_trusted",
                        "probe_smtp_starttls_offered",
                        "probe_mx_hosts",
                        "probe_smtp_outcome_info",
                        "probe_smtp_findings",
                        "probe_coalesced",
                        "probe_dnsbl_listed");
    }

    @Test
    void aRefusedRecipientNamesItsReasonAndThePostureOfBothDomains() throws Exception {
        var metrics = probe("target=rejecting.test&module=checked", null).body();

        assertThat(samples(metrics))
                .containsAllEntriesOf(samples(List.of(
                        "probe_smtp_outcome_info{outcome=\"BOUNCE\"} 1",
                        "probe_smtp_reason_info{reason=\"RECIPIENT_UNKNOWN\"} 1",
                        "probe_smtp_reason_info{reason=\"RATE_LIMITED\"} 0",
                        "probe_spf_result_info{result=\"FAIL\"} 1",
                        "probe_spf_result_info{result=\"PASS\"} 0",
                        "probe_dmarc_policy_info{policy=\"REJECT\"} 1",
                        "probe_dmarc_policy_info{policy=\"NONE\"} 0",
                        "probe_dnsbl_listed{mx=\"mx.rejecting.test\",address=\"127.0.0.2\",zone=\"bl.test\"} 1",
                        "probe_dnsbl_listed{mx=\"\",address=\"192.0.2.77\",zone=\"bl.test\"} 0")));
        // No MTA-STS record, no TLSA record, and no trust anchor for the test DNS server (DNSSEC
        // cannot be judged): no series, never a false 0.
        assertThat(metrics.lines())
                .noneMatch(line -> line.startsWith("probe_mta_sts_mode_info")
                        || line.startsWith("probe_dane_valid")
                        || line.startsWith("probe_dnssec_secure"));
    }

    @Test
    void anUntrustedCertificateStillHasItsCertificateMetrics() throws Exception {
        var target = "mx.untrusted.test:" + UNTRUSTED.address().getPort();
        var metrics = probe("target=" + target + "&module=smtp_starttls", null).body();

        var series = "{mx=\"mx.untrusted.test\",address=\"127.0.0.1\"}";
        assertThat(samples(metrics))
                .containsAllEntriesOf(samples(List.of(
                        "probe_smtp_tls_trusted" + series + " 0",
                        "probe_smtp_starttls_offered" + series + " 1",
                        "probe_smtp_session_success" + series + " 1",
                        "probe_tls_version_info{version=\"TLS 1.3\"} 1")));
        assertThat(metrics.lines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("probe_ssl_last_chain_info{")
                        .contains("subject=\"CN=mx.untrusted.test\"", "issuer=\"CN=mx.untrusted.test\""));
        assertThat(value(metrics, "probe_ssl_earliest_cert_expiry")).isPositive();
        assertThat(value(metrics, "probe_ssl_last_chain_expiry_timestamp_seconds"))
                .isEqualTo(value(metrics, "probe_ssl_earliest_cert_expiry"));
    }

    @Test
    void aRefusedTargetFailsWithoutCertificateOrReplyMetrics() throws Exception {
        var metrics = probe("target=127.0.0.1:" + REFUSED + "&module=smtp_banner", null)
                .body();

        assertThat(samples(metrics))
                .containsAllEntriesOf(samples(List.of(
                        "probe_success 0",
                        "probe_ip_protocol 4",
                        "probe_mx_hosts 1",
                        "probe_smtp_session_success{mx=\"127.0.0.1\",address=\"127.0.0.1\"} 0")));
        assertThat(names(metrics))
                .doesNotContain(
                        "probe_ssl_earliest_cert_expiry",
                        "probe_ssl_last_chain_info",
                        "probe_tls_version_info",
                        "probe_smtp_reply_code");
    }

    @Test
    void theScrapeTimeoutEndsTheProbeWithWhatWasMeasured() throws Exception {
        var target = "127.0.0.1:" + SILENT.address().getPort();
        var response = probe("target=" + target + "&module=slow&debug=true", "1.5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("probe_success 0")
                .contains("probe_smtp_session_success{address=\"127.0.0.1\",mx=\"127.0.0.1\"} 0")
                .containsPattern("timeout: PT30S")
                .containsPattern("(?i)(timed out|deadline|no answer|did not answer|timeout)");
    }

    @Test
    void theMxLookupEndsByTheScrapesDeadlineNotTheDnsTimeout() throws Exception {
        DNS.drop("silent-dns.test");
        // 1 s scrape: 0.5 s for the probe, while mailflow.dns.timeout is 2 s here
        var response = probe("target=silent-dns.test&module=quiet&debug=true", "1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("probe_success 0");
        var id = match(response.body(), "/probe/logs\\?id=([0-9a-f]{32})");
        var logs = logsOnceContaining(id, "DNS: ");
        assertThat(logs).contains("DNS: no answer for the MX of silent-dns.test before the probe's deadline");
    }

    @Test
    void postureRunsForDeliveryAndUserModulesUnlessTheModuleSwitchesItOff() throws Exception {
        var ourAddress = samples(List.of("probe_dnsbl_listed{mx=\"\",address=\"192.0.2.77\",zone=\"bl.test\"} 0"));

        assertThat(samples(probe("target=healthy.test&module=smtp_rcpt", null).body()))
                .containsAllEntriesOf(ourAddress);
        assertThat(samples(probe("target=healthy.test&module=watched", null).body()))
                .containsAllEntriesOf(ourAddress);
        for (var module : List.of("smtp_banner", "smtp_starttls", "quiet")) {
            var metrics = probe("target=healthy.test&module=" + module, null).body();
            assertThat(metrics).as(module).contains("probe_success 1.0");
            // no series: no posture was checked
            assertThat(metrics.lines())
                    .as(module)
                    .noneMatch(line -> line.startsWith("probe_dnsbl_listed{")
                            || line.startsWith("probe_spf_result_info{")
                            || line.startsWith("probe_dmarc_policy_info{"));
        }
    }

    /** The stored log of a recent probe, once its run has written {@code text} (the run may outlive the scrape). */
    private String logsOnceContaining(String id, String text) throws Exception {
        return await("the probe's log contains " + text)
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> get("/probe/logs?id=" + id, "Bearer " + PROMETHEUS_TOKEN)
                                .body(),
                        logs -> logs.contains(text));
    }

    @Test
    void errorsAreWordedAsBlackboxExporterWordsThem() throws Exception {
        assertThat(probe("module=smtp_banner", null))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).isEqualTo("Target parameter is missing\n"));
        assertThat(probe("target=healthy.test&module=nope", null))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).isEqualTo("Unknown module \"nope\"\n"));
        assertThat(probe("target=127.0.0.1:99999", null).body()).contains("invalid port");
        assertThat(probe("target=" + enc("bad name.test"), null))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).startsWith("target: "));
        assertThat(probe("target=healthy.test", "soon").body()).contains("X-Prometheus-Scrape-Timeout-Seconds");
    }

    @Test
    void debugShowsTheLogTheMetricsTheModuleAndTheRun() throws Exception {
        var target = "127.0.0.1:" + HEALTHY.address().getPort();
        var first = probe("target=" + target + "&module=debugged&debug=true", null);

        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        var body = first.body();
        assertThat(body)
                .contains("Logs for the probe:", "220 scripted.test ESMTP scripted")
                .contains("Metrics that would have been returned:", "probe_success 1")
                .contains("Module configuration:", "name: debugged", "quit-after: BANNER");
        assertThat(body.indexOf("Logs for the probe:"))
                .isLessThan(body.indexOf("Metrics that would"))
                .isLessThan(body.indexOf("Module configuration:"));
        var id = match(body, "/probe/logs\\?id=([0-9a-f]{32})");

        // The first scrape of a target and module is a change: the run is stored and readable.
        assertThat(body).contains("/probes/" + id);
        assertThat(get("/api/probes/" + id, "Bearer " + PROMETHEUS_TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(get("/probe/logs?id=" + id, "Bearer " + PROMETHEUS_TOKEN).body())
                .contains("Logs for the probe:");

        // The same outcome again: kept among the recent probes, not stored.
        var second = probe("target=" + target + "&module=smtp_banner&debug=true", null)
                .body();
        var secondId = match(second, "/probe/logs\\?id=([0-9a-f]{32})");
        assertThat(second).contains("Not stored");
        assertThat(get("/api/probes/" + secondId, "Bearer " + PROMETHEUS_TOKEN).statusCode())
                .isEqualTo(404);
        assertThat(get("/probe/logs?id=" + secondId, "Bearer " + PROMETHEUS_TOKEN)
                        .statusCode())
                .isEqualTo(200);
        // another user does not see it
        assertThat(get("/probe/logs?id=" + secondId, TestUser.AUTHORIZATION).statusCode())
                .isEqualTo(404);
    }

    @Test
    void openMetricsWhenPrometheusAsksForIt() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe?target=127.0.0.1:"
                        + HEALTHY.address().getPort() + "&module=smtp_starttls"))
                .header("Authorization", "Bearer " + PROMETHEUS_TOKEN)
                .header("Accept", "application/openmetrics-text;version=1.0.0;q=0.6,text/plain;version=0.0.4;q=0.3")
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/openmetrics-text");
        assertThat(response.body().lines())
                .contains("# TYPE probe_tls_version info")
                .endsWith("# EOF");
    }

    @Test
    void probeNeedsATokenOrPasswordWithTheOperatorRole() throws Exception {
        var query = "/probe?target=127.0.0.1:" + HEALTHY.address().getPort() + "&module=smtp_banner";
        assertThat(get(query, null).statusCode()).isEqualTo(401);
        assertThat(get(query, "Bearer mft_wrong").statusCode()).isEqualTo(401);
        assertThat(get(query, "Bearer " + VIEWER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(get(query, TestUser.AUTHORIZATION).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", "Bearer " + VIEWER_TOKEN).statusCode())
                .isEqualTo(200);
    }

    /** {@code /probe} is a servlet of its own, outside Spring MVC: every filter and the request metrics still apply. */
    @Test
    void theExporterServletKeepsTheHeadersTheRequestMetricsAndPlainTextErrors() throws Exception {
        var query = "/probe?target=127.0.0.1:" + HEALTHY.address().getPort() + "&module=smtp_banner";
        var scrape = get(query, "Bearer " + PROMETHEUS_TOKEN);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(scrape.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(scrape.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));

        var logs = get("/probe/logs", "Bearer " + PROMETHEUS_TOKEN);
        assertThat(logs.statusCode()).isEqualTo(400);
        assertThat(logs.body()).isEqualTo("Id parameter is missing\n");
        assertThat(get("/probe/logs?id=0123", "Bearer " + PROMETHEUS_TOKEN).body())
                .isEqualTo("Probe not found\n");
        var post = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + query))
                        .header("Authorization", "Bearer " + PROMETHEUS_TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        // A TRACE would echo the request, Authorization header included: the container refuses it.
        var trace = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + query))
                        .header("Authorization", "Bearer " + PROMETHEUS_TOKEN)
                        .method("TRACE", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(trace.statusCode()).isEqualTo(405);
        assertThat(trace.body()).doesNotContain(PROMETHEUS_TOKEN);

        var metrics = get("/actuator/prometheus", "Bearer " + VIEWER_TOKEN).body();
        assertThat(metrics.lines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("http_server_requests_seconds_count{")
                        .contains("status=\"200\"", "uri=\"/probe\""))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("http_server_requests_seconds_count{")
                        .contains("status=\"400\"", "uri=\"/probe/logs\""));
    }

    private HttpResponse<String> probe(String query, String scrapeTimeout) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe?" + query))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + PROMETHEUS_TOKEN);
        if (scrapeTimeout != null) {
            request.header("X-Prometheus-Scrape-Timeout-Seconds", scrapeTimeout);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String reply(String phase, int code) {
        return "probe_smtp_reply_code{mx=\"mx.healthy.test\",address=\"127.0.0.1\",phase=\"" + phase + "\"} " + code;
    }

    static double value(String metrics, String series) {
        var value = samples(metrics).get(series(series));
        if (value == null) {
            throw new AssertionError("no series " + series + " in\n" + metrics);
        }
        return value;
    }

    /**
     * Each sample as {@code name{labels in name order}} with its value: the client library orders
     * labels by name and writes 1 as 1.0, so the expected lines are read the same way.
     */
    static Map<String, Double> samples(String metrics) {
        return samples(metrics.lines().toList());
    }

    static Map<String, Double> samples(List<String> lines) {
        var samples = new TreeMap<String, Double>();
        for (var line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(series(line.substring(0, space)), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static String series(String text) {
        int brace = text.indexOf('{');
        if (brace < 0) {
            return text;
        }
        var labels = new TreeMap<String, String>();
        var matcher = LABEL.matcher(text.substring(brace));
        while (matcher.find()) {
            labels.put(matcher.group(1), matcher.group(2));
        }
        var joined = new StringBuilder();
        labels.forEach((name, value) -> joined.append(joined.isEmpty() ? "" : ",")
                .append(name)
                .append("=\"")
                .append(value)
                .append('"'));
        return text.substring(0, brace) + "{" + joined + "}";
    }

    static List<String> names(String metrics) {
        return metrics.lines()
                .filter(l -> l.startsWith("# TYPE "))
                .map(l -> l.split(" ")[2])
                .toList();
    }

    private static String match(String text, String regex) {
        var matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }

    private static long expiry(TestCertificates.Credential credential) {
        return credential.certificate().getNotAfter().toInstant().getEpochSecond();
    }

    private static String fingerprint(TestCertificates.Credential credential) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256")
                .digest(credential.certificate().getEncoded());
        return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static ScriptedSmtpServer rejecting() {
        try {
            return ScriptedSmtpServer.startOn(
                    java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 2}),
                    0,
                    s -> s.on("RCPT", "550 5.1.1 <nobody@rejecting.test>: Recipient address rejected: User unknown"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
