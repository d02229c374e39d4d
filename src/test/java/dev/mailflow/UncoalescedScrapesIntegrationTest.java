package dev.mailflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With coalescing off every scrape is a probe of its own: 70 of them, more than a person's budget
 * ({@code runs-per-user} 30) and the destination's ({@code runs-per-domain} 60), count against the
 * token's budget only, so the helpdesk can still probe the domain afterwards.
 */
class UncoalescedScrapesIntegrationTest extends RunningApp {

    static final ScriptedSmtpServer MX = ScriptedSmtpServer.start(s -> s.on("RCPT", "250 2.1.5 Ok"));

    static final TestDnsServer DNS =
            TestDnsServer.builder().zone("budget.test", """
                    @    MX 10 mx
                    mx   A  127.0.0.1
                    """).start();

    static final String TOKEN = "mft_uncoalesced-test-token-with-enough-entropy-00001";

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
        registry.add("mailflow.exporter.coalesce", () -> "0s");
        registry.add("mailflow.security.tokens[0].name", () -> "prometheus");
        registry.add("mailflow.security.tokens[0].digest", () -> ScrapeBudgetIntegrationTest.digest(TOKEN));
        registry.add("mailflow.security.tokens[0].roles", () -> "OPERATOR");
    }

    @AfterAll
    static void stopServers() {
        MX.close();
        DNS.close();
    }

    @Test
    void scrapesBeyondThePeoplesBudgetsLeaveTheDomainToTheHelpdesk() throws Exception {
        var http = HttpClient.newHttpClient();
        var scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe?target=budget.test"))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(60))
                .build();
        for (int i = 0; i < 70; i++) {
            var response = http.send(scrape, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("scrape %d: %s", i, response.body())
                    .isEqualTo(200);
            assertThat(response.body().lines()).contains("probe_success 1.0", "probe_coalesced 0.0");
        }

        var helpdesk = app.post("/api/probes", """
                {"domain": "budget.test", "tls": "NONE"}""");
        assertThat(helpdesk.statusCode()).as(helpdesk.body()).isEqualTo(202);
    }
}
