package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.message.HeaderAnalyzerFixtures;
import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.dns.TestDnsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The header analyzer page in Chromium: pasted Exchange Online headers become hops with bars, times
 * in UTC and the viewer's own, decoded Microsoft verdicts and findings; a hostile Received header
 * stays text; an uploaded .eml has its Ed25519 DKIM signature verified with the body. Saves {@code
 * docs/headers.png}.
 */
class HeadersPageSystemTest extends BrowserTier {

    static final HeaderAnalyzerFixtures FIXTURES = HeaderAnalyzerFixtures.create();
    static final TestDnsServer DNS = FIXTURES.dns();

    static final String HOSTILE = "Received: from evil.example (<script>window.pwned=1</script> [203.0.113.66])\n"
            + " by <img src=x onerror=window.pwned=2> with SMTP; Tue, 2 Nov 2021 06:00:40 -0400\n";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RunningApp.reach(registry, DNS, "127.0.0.0/8", "probe.contoso.test", 25, 25);
        MailflowApi.register(registry);
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void pastedHeadersShowHopsVerdictsAndFindings() throws Exception {
        var driver = chromium.driver;
        String base = "http://127.0.0.1:" + port;
        new RunPage(driver, base).open();
        driver.manage().window().setSize(new Dimension(1366, 900));
        driver.findElement(By.linkText("Headers")).click();

        String pasted = HeaderAnalyzerFixtures.JUNKED_AT_MICROSOFT.replace(
                "From: Contoso News", HOSTILE + "From: Contoso News");
        // Typing a long text key by key is slow: the field is filled as a script would.
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById('headers-text').value = arguments[0];", pasted);
        driver.findElement(By.cssSelector("#headers-form button[type=submit]")).click();
        // The form posts and the browser loads the answer: wait for it rather than read the old page.
        answered(driver, "table.hops");

        var hops = driver.findElements(By.cssSelector("table.hops tbody tr:not(.organisation)"));
        assertThat(hops).hasSize(4);
        assertThat(driver.findElements(By.cssSelector("table.hops svg.bar rect")))
                .isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("table.hops tr.organisation")))
                .extracting(e -> e.getText())
                .contains("at outlook.com");
        assertThat(driver.findElement(By.cssSelector("table.hops time[data-local]"))
                        .getText())
                .endsWith("(your time)");
        assertThat(driver.findElement(By.id("total")).getText()).startsWith("5 h 10 min");
        assertThat(driver.findElement(By.id("findings")).getText())
                .contains("put in Junk by Microsoft 365")
                .contains("held 5 h 10 min between vmta6.news.contoso.example");
        assertThat(driver.findElement(By.id("verdicts")).getText())
                .contains("The message was marked as spam by spam filtering.");
        assertThat(driver.findElement(By.id("hops")).getText()).contains("<img src=x onerror=window.pwned=2>");
        assertThat(driver.findElements(By.cssSelector("#hops script, #hops img")))
                .isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
        assertThat(cspViolations()).isEmpty();

        var docs = Files.createDirectories(
                Path.of(System.getProperty("basedir", ".")).resolve("docs"));
        Files.write(docs.resolve("headers.png"), chromium.wholePage());
    }

    @Test
    void anUploadedEmlHasItsSignatureVerifiedWithTheBody() throws Exception {
        var driver = chromium.driver;
        String base = "http://127.0.0.1:" + port;
        new RunPage(driver, base).open();
        var eml = Files.createTempFile("signed", ".eml");
        Files.writeString(eml, FIXTURES.signedMessage(), StandardCharsets.UTF_8);
        try {
            driver.get(base + "/headers");
            driver.findElement(By.id("headers-file")).sendKeys(eml.toString());
            driver.findElement(By.cssSelector("#headers-form button[type=submit]"))
                    .click();
            answered(driver, "#dkim");

            var dkim = driver.findElement(By.id("dkim")).getText();
            assertThat(dkim).contains("contoso.example", "ed25519-sha256", "PASS", "signature verified", "256 bits");
            assertThat(driver.findElement(By.id("hops")).getText()).contains("TLSv1.3 TLS_AES_256_GCM_SHA384");
        } finally {
            Files.deleteIfExists(eml);
        }
    }

    private static java.util.List<String> cspViolations() {
        chromium.driver.executeScript("console.error('mailflow console check')");
        var console = chromium.console();
        assertThat(console).as("the browser console is readable").anyMatch(m -> m.contains("mailflow console check"));
        return console.stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
    }

    private static void answered(WebDriver driver, String selector) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
    }
}
