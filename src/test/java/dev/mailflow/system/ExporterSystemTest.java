package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.TestToken;
import dev.mailflow.testing.postfix.PostfixServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /probe} against Debian's Postfix, judged by Debian's Prometheus tools: {@code promtool check
 * metrics} on the real output, and {@code promtool test rules} on the example alert rules.
 */
@Tag("system")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExporterSystemTest {

    @RegisterExtension
    static final PostfixTier TIER = new PostfixTier();

    static final PostfixServer POSTFIX = TIER.server();
    static final String TOKEN = "mft_system-tier-prometheus-token-0000000000000000001";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TIER.reach(registry);
        registry.add("mailflow.modules.known_user.rcpt-to", () -> PostfixServer.KNOWN_USER + "@{domain}");
        registry.add("mailflow.modules.known_user.mail-from", () -> "helpdesk@contoso.test");
        TestToken.register(registry, 0, "prometheus", TOKEN, "OPERATOR");
    }

    @BeforeAll
    static void needsPromtool() {
        SystemTier.requires(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool (Debian's prometheus)");
    }

    @LocalServerPort
    int port;

    @Test
    void realProbeOutputPassesPromtoolCheckMetrics() throws Exception {
        var metrics = scrape("target=" + PostfixServer.DOMAIN + "&module=known_user");

        assertThat(metrics)
                .as(POSTFIX.log())
                .contains("probe_success 1.0")
                .contains("probe_smtp_outcome_info{outcome=\"DELIVERABLE\"} 1.0")
                .contains("probe_smtp_tls_trusted{address=\"127.0.0.1\",mx=\"mx.example.test\"} 0.0")
                .contains("probe_smtp_reply_code{address=\"127.0.0.1\",mx=\"mx.example.test\",phase=\"RCPT\"} 250.0")
                .contains("probe_tls_version_info{version=\"TLS 1.3\"} 1")
                .containsPattern(
                        "probe_smtp_phase_duration_seconds\\{address=\"127.0.0.1\",mx=\"mx.example.test\",phase=\"CONNECT\"}")
                .containsPattern("probe_ssl_last_chain_info\\{fingerprint_sha256=\"[0-9a-f]{64}\",issuer=\"[^\"]*\""
                        + ",serialnumber=\"[^\"]*\",subject=\"[^\"]*mx\\.example\\.test");
        var check = run(metrics, "/usr/bin/promtool", "check", "metrics");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).isBlank();

        var unknownUser = scrape("target=" + PostfixServer.DOMAIN + "&module=smtp_rcpt");
        var checkAgain = run(unknownUser, "/usr/bin/promtool", "check", "metrics");
        assertThat(checkAgain.exit()).as(checkAgain.output()).isZero();
    }

    @Test
    void theExampleAlertRulesPassTheirTests(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("helm/mailflow/files/mailflow-alerts.rules.yml"), dir.resolve("mailflow-alerts.rules.yml"));
        Files.copy(
                Path.of("src/test/resources/prometheus/mailflow-alerts.test.yml"),
                dir.resolve("mailflow-alerts.test.yml"));

        var check = run(
                null,
                "/usr/bin/promtool",
                "check",
                "rules",
                dir.resolve("mailflow-alerts.rules.yml").toString());
        assertThat(check.exit()).as(check.output()).isZero();
        var test = run(
                null,
                "/usr/bin/promtool",
                "test",
                "rules",
                dir.resolve("mailflow-alerts.test.yml").toString());
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    private String scrape(String query) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe?" + query))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN)
                .header("X-Prometheus-Scrape-Timeout-Seconds", "20")
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private record Result(int exit, String output) {}

    private static Result run(String stdin, String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
