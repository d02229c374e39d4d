package dev.mailflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestToken;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the default limits, Prometheus scraping one target in a burst is never refused and never
 * locks the helpdesk out of that domain: scrapes close together share one probe, and what a token
 * starts counts against the token's budget, not the people's per-domain budget (also with sharing
 * off, {@link Uncoalesced}).
 */
class ScrapeBudgetIntegrationTest extends RunningApp {

    static final ScriptedSmtpServer MX = ScriptedSmtpServer.start(s -> s.on("RCPT", "250 2.1.5 Ok"));

    static final TestDnsServer DNS =
            TestDnsServer.builder().zone("budget.test", """
                    @    MX 10 mx
                    mx   A  127.0.0.1
                    """).start();

    static final String TOKEN = "mft_budget-test-token-with-enough-entropy-000000000001";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        reach(
                registry,
                DNS,
                "127.0.0.0/8",
                "probe.contoso.test",
                MX.address().getPort(),
                MX.address().getPort());
        TestUser.register(registry);
        TestToken.register(registry, 0, "prometheus", TOKEN, "OPERATOR");
    }

    @AfterAll
    static void stopServers() {
        MX.close();
        DNS.close();
    }

    /**
     * With coalescing off every scrape is a probe of its own: 70 of them, more than a person's budget
     * ({@code runs-per-user} 30) and the destination's ({@code runs-per-domain} 60), count against the
     * token's budget only, so the helpdesk can still probe the domain afterwards.
     */
    @Nested
    class Uncoalesced {

        @DynamicPropertySource
        static void everyScrapeProbes(DynamicPropertyRegistry registry) {
            registry.add("mailflow.exporter.coalesce", () -> "0s");
        }

        @Test
        void scrapesBeyondThePeoplesBudgetsLeaveTheDomainToTheHelpdesk() throws Exception {
            for (int i = 0; i < 70; i++) {
                var metrics = scrape("target=budget.test");
                assertThat(metrics.lines()).as("scrape %d", i).contains("probe_success 1.0", "probe_coalesced 0.0");
            }

            var helpdesk = app.post("/api/probes", """
                    {"domain": "budget.test", "tls": "NONE"}""");
            assertThat(helpdesk.statusCode()).as(helpdesk.body()).isEqualTo(202);
        }
    }

    @Test
    void aHundredScrapesInABurstAllSucceedAndTheHelpdeskMayStillProbeTheDomain() throws Exception {
        var http = HttpClient.newHttpClient();
        var scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe?target=budget.test"))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(60))
                .build();
        var answers = new ArrayList<Future<HttpResponse<String>>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                answers.add(threads.submit(() -> http.send(scrape, HttpResponse.BodyHandlers.ofString())));
            }
        }
        int coalesced = 0;
        for (var answer : answers) {
            var response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body().lines()).contains("probe_success 1.0");
            coalesced += response.body().lines().anyMatch("probe_coalesced 1.0"::equals) ? 1 : 0;
        }
        // Scrapes that arrive within mailflow.exporter.coalesce of the first share its probe.
        assertThat(coalesced).isPositive();

        var helpdesk = app.post("/api/probes", """
                {"domain": "budget.test", "tls": "NONE"}""");
        assertThat(helpdesk.statusCode()).as(helpdesk.body()).isEqualTo(202);
    }

    @Test
    void scrapesOfOneTargetAndModuleCloseTogetherShareOneProbe() throws Exception {
        var target = "127.0.0.1:" + MX.address().getPort();
        var first = scrape("target=" + target + "&module=smtp_banner&debug=true");
        var second = scrape("target=" + target + "&module=smtp_banner&debug=true");

        assertThat(first).contains("probe_coalesced 0.0").doesNotContain("Shared:");
        assertThat(second).contains("probe_coalesced 1.0", "probe_success 1.0", "Shared: an earlier scrape");
        var id = match(first);
        assertThat(match(second)).isEqualTo(id);
        // Another module is another probe.
        assertThat(scrape("target=" + target + "&module=smtp_rcpt")).contains("probe_coalesced 0.0");
    }

    private String scrape(String query) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe?" + query))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(60))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String match(String debug) {
        var matcher = Pattern.compile("/probe/logs\\?id=([0-9a-f]{32})").matcher(debug);
        assertThat(matcher.find()).as(debug).isTrue();
        return matcher.group(1);
    }
}
