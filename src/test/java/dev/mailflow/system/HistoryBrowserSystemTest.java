package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A person looking back, in headless Chromium: the history page lists the runs, its filter narrows
 * them, and a run's page shows the earlier runs of its domain and what changed since the last one.
 */
class HistoryBrowserSystemTest extends BrowserTier {

    /** Yesterday's server: the mailbox did not exist. */
    static final ScriptedSmtpServer BEFORE = ScriptedSmtpServer.start(
            s -> s.on("RCPT", "550 5.1.1 <kate@history.test>: Recipient address rejected: User unknown"));

    /** Today's: it does. */
    static final ScriptedSmtpServer NOW = ScriptedSmtpServer.start(s -> s.on("RCPT", "250 2.1.5 Ok"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mailflow.targets.allow", () -> "127.0.0.0/8");
        registry.add(
                "mailflow.targets.ports",
                () -> BEFORE.address().getPort() + "," + NOW.address().getPort());
        registry.add("mailflow.smtp.helo-name", () -> "probe.contoso.test");
        MailflowApi.register(registry);
    }

    @AfterAll
    static void stopServers() {
        BEFORE.close();
        NOW.close();
    }

    static String request(String domain, ScriptedSmtpServer server) {
        return """
                {"domain": "%s", "rcptTo": ["kate@%s"], "host": "127.0.0.1", "port": %d, "tls": "NONE"}""".formatted(domain, domain, server.address().getPort());
    }

    @Test
    void theHistoryListsAndFiltersRunsAndARunPageShowsWhatChanged() throws Exception {
        var api = new MailflowApi(port);
        var first = api.probe(request("history.test", BEFORE)).get("id").asString();
        var second = api.probe(request("history.test", NOW)).get("id").asString();
        var elsewhere = api.probe(request("elsewhere.test", NOW)).get("id").asString();

        // The history writes on its own thread: wait until the last run's end is stored too.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/probes?domain=elsewhere.test").contains("\"COMPLETED\""));
        var driver = chromium.driver;
        new RunPage(driver, "http://127.0.0.1:" + port).open();
        driver.findElement(By.linkText("History")).click();
        assertThat(rowIds()).containsSubsequence("run-" + elsewhere, "run-" + second, "run-" + first);

        driver.findElement(By.name("domain")).sendKeys("history.test");
        driver.findElement(By.cssSelector("form.history-filter button[type=submit]"))
                .click();
        // The click does not wait for the filtered page: wait for its rows (the old ones go stale).
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> rowIds().equals(List.of("run-" + second, "run-" + first)));
        assertThat(rowIds()).containsExactly("run-" + second, "run-" + first);
        assertThat(driver.findElement(By.id("run-" + first)).getText()).containsIgnoringCase("bounce");

        driver.findElement(By.cssSelector("#run-" + second + " a")).click();
        var earlier = driver.findElement(By.id("earlier-runs")).getText();
        assertThat(earlier).containsIgnoringCase("bounce");
        var changes = driver.findElements(By.cssSelector("#changes tbody tr")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(changes).anyMatch(row -> row.startsWith("verdict"));
        assertThat(String.join("\n", changes)).contains("550 5.1.1", "250 2.1.5");
        assertThat(cspViolations()).isEmpty();
    }

    private static List<String> rowIds() {
        return chromium.driver.findElements(By.cssSelector("#history-runs tbody tr")).stream()
                .map(r -> r.getAttribute("id"))
                .toList();
    }

    private static List<String> cspViolations() {
        return chromium.console().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
    }
}
