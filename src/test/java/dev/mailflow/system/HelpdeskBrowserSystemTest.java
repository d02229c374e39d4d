package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A helpdesk person in headless Chromium: an accepted recipient whose sender's DMARC rejects is
 * amber with words for the customer, never green; a greylisted run leads with the greylisting; the
 * JSON link works with the session; the history's badges have the run page's colours; the history
 * and a run page with "what changed" fit a 390 px phone; an ADMIN finds the tokens page in the menu.
 * Screenshots go to {@code docs/}.
 */
class HelpdeskBrowserSystemTest extends BrowserTier {

    static final ScriptedSmtpServer ACCEPTS = ScriptedSmtpServer.start(s -> s);
    static final ScriptedSmtpServer GREYLISTS = ScriptedSmtpServer.start(
            s -> s.on("RCPT", "451 4.7.1 <kate@grey.test>: Recipient address rejected: Greylisted"));
    static final ScriptedSmtpServer REFUSES = ScriptedSmtpServer.start(s -> s.on(
            "RCPT", "550 5.1.1 <kate@story.test>: Recipient address rejected: User unknown in local recipient table"));

    /** A recipient domain whose MX is the accepting server; a sender whose SPF fails for us while DMARC rejects. */
    static final TestDnsServer DNS = TestDnsServer.builder()
            .zone("ok.test", """
                    @    MX  10 mx
                    mx   A   127.0.0.1
                    """)
            .zone("spffail.test", """
                    @       TXT "v=spf1 ip4:198.51.100.0/24 -all"
                    _dmarc  TXT "v=DMARC1; p=reject"
                    """)
            .start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mailflow.dns.servers", DNS::server);
        registry.add("mailflow.dns.timeout", () -> "2s");
        registry.add("mailflow.targets.allow", () -> "127.0.0.0/8");
        registry.add(
                "mailflow.targets.ports",
                () -> ACCEPTS.address().getPort() + "," + GREYLISTS.address().getPort() + ","
                        + REFUSES.address().getPort());
        registry.add("mailflow.smtp.port", () -> ACCEPTS.address().getPort());
        registry.add("mailflow.smtp.helo-name", () -> "probe.contoso.test");
        registry.add("mailflow.posture.our-addresses", () -> "192.0.2.77");
        registry.add("mailflow.posture.dnsbl-zones", () -> "");
        registry.add("mailflow.posture.timeout", () -> "5s");
        MailflowApi.register(registry);
    }

    @AfterAll
    static void stopServers() {
        List.of(ACCEPTS, GREYLISTS, REFUSES).forEach(ScriptedSmtpServer::close);
        DNS.close();
    }

    @AfterEach
    void laptopAgain() {
        chromium.driver.manage().window().setSize(new Dimension(1280, 900));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    static String explicit(String rcpt, ScriptedSmtpServer server) {
        return """
                {"rcptTo": ["%s"], "mailFrom": "helpdesk@contoso.test", "host": "127.0.0.1", "port": %d, "tls": "NONE"}""".formatted(rcpt, server.address().getPort());
    }

    @Test
    void anAcceptedRecipientOfADmarcRejectingSenderIsAmberWithWordsForTheCustomer() throws Exception {
        var id = new MailflowApi(port).probe("""
                        {"rcptTo": ["kate@ok.test"], "mailFrom": "kate@spffail.test", "tls": "NONE"}""").get("id").asString();
        var driver = chromium.driver;
        new RunPage(driver, base()).open();
        driver.get(base() + "/probes/" + id);

        var badge = driver.findElement(By.cssSelector("#verdict .badge.outcome"));
        assertThat(badge.getText()).isEqualToIgnoringCase("likely refused");
        assertThat(badge.getCssValue("background-color")).as("amber, not green").isEqualTo("rgba(253, 241, 216, 1)");
        assertThat(driver.findElement(By.cssSelector("#verdict .verdict-line")).getText())
                .contains("Accepted now — likely refused");
        assertThat(driver.findElement(By.cssSelector(".customer-message")).getText())
                .contains("will most likely refuse mail from spffail.test");
        assertThat(driver.findElements(By.cssSelector(".grid li")).stream().map(e -> e.getText()))
                .anyMatch(t -> t.startsWith("DMARC"));
        assertThat(driver.findElement(By.cssSelector("#findings > li")).getText())
                .contains("DMARC");
        assertThat(driver.getTitle()).as("the tab says the answer").startsWith("likely refused: kate@ok.test");
        Files.write(docs().resolve("run-at-risk.png"), driver.getScreenshotAs(OutputType.BYTES));

        // The JSON link answers the signed-in browser from its session: no password prompt.
        var href = driver.findElement(By.linkText("JSON")).getAttribute("href");
        var answer = (List<?>) driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text().then(t =>"
                        + " done([r.status, r.headers.get('WWW-Authenticate'), t])));",
                href);
        assertThat(((Number) answer.get(0)).intValue()).isEqualTo(200);
        assertThat(answer.get(1)).isNull();
        assertThat(answer.get(2).toString()).contains("\"risk\":\"LIKELY_REFUSED\"", "\"customerMessage\"");
    }

    @Test
    void aGreylistedRunLeadsWithTheGreylisting() throws Exception {
        var id = new MailflowApi(port)
                .probe(explicit("kate@grey.test", GREYLISTS))
                .get("id")
                .asString();
        var driver = chromium.driver;
        new RunPage(driver, base()).open();
        driver.get(base() + "/probes/" + id);

        assertThat(driver.findElement(By.cssSelector("#findings > li"))
                        .getText()
                        .toLowerCase())
                .contains("greylist");
        assertThat(driver.findElement(By.cssSelector("#verdict .badge.outcome")).getCssValue("background-color"))
                .isEqualTo("rgba(253, 241, 216, 1)");
        assertThat(driver.findElement(By.cssSelector("table.matrix tbody tr td .badge"))
                        .getCssValue("color"))
                .as("the deferred session is amber like its verdict, not red")
                .isEqualTo("rgba(138, 90, 0, 1)");
    }

    @Test
    void theHistoryIsColouredTellsTheStoryAndFitsAPhone() throws Exception {
        var api = new MailflowApi(port);
        var refused = api.probe(explicit("kate@story.test", REFUSES)).get("id").asString();
        api.probe(explicit("nobody-here@story.test", ACCEPTS));
        var accepted = api.probe(explicit("kate@story.test", ACCEPTS)).get("id").asString();
        awaitStored(api, accepted);

        var driver = chromium.driver;
        new RunPage(driver, base()).open();
        driver.findElement(By.linkText("History")).click();
        var bounce = driver.findElement(By.cssSelector("#run-" + refused + " .badge"));
        assertThat(bounce.getText()).isEqualToIgnoringCase("bounce");
        assertThat(bounce.getCssValue("background-color")).as("red").isEqualTo("rgba(251, 230, 228, 1)");
        assertThat(bounce.getCssValue("color")).isEqualTo("rgba(179, 38, 30, 1)");

        driver.get(base() + "/probes/" + accepted);
        var changes = driver.findElement(By.id("changes")).getText();
        assertThat(changes).contains("550 5.1.1", "250");
        assertThat(driver.findElement(By.id("changes-title")).getText()).contains("same recipients");
        assertThat(driver.findElement(By.id("timeline")).getText()).contains("accepted again at");
        assertThat(driver.findElement(By.id("earlier-runs")).getText())
                .contains("kate@story.test")
                .doesNotContain("nobody-here");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        driver.findElement(By.id("changes"));
        assertNoSidewaysScroll("run page with what changed");
        driver.findElement(By.id("history-title")).click();
        Files.write(docs().resolve("run-changes-phone.png"), scrolledTo("changes-title"));

        driver.get(base() + "/probes");
        driver.findElement(By.id("history-runs"));
        assertNoSidewaysScroll("history page");
        Files.write(docs().resolve("history-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.navigate().refresh();
        Files.write(docs().resolve("history.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anAdminFindsTheTokensPageInTheMenuAndItsFormWorksInTheBrowser() {
        var driver = chromium.driver;
        new RunPage(driver, base()).open();
        driver.findElement(By.linkText("Tokens")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().endsWith("/tokens"));

        assertThat(chromium.console()).noneMatch(m -> m.contains("pattern") || m.contains("SEVERE"));
        driver.findElement(By.id("name")).sendKeys("phone-check");
        driver.findElement(By.cssSelector("input[name=roles][value=VIEWER]")).click();
        driver.findElement(By.cssSelector(".token-form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("created-secret")).isEmpty());
        assertThat(driver.findElement(By.id("created-secret")).getText()).startsWith("mft_");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        assertNoSidewaysScroll("tokens page");
    }

    private static void awaitStored(MailflowApi api, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!api.get("/api/probes?limit=100").contains("\"" + id + "\",\"status\":\"COMPLETED\"")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static byte[] scrolledTo(String id) {
        chromium.driver.executeScript("document.getElementById(arguments[0]).scrollIntoView();", id);
        return chromium.driver.getScreenshotAs(OutputType.BYTES);
    }

    private static Path docs() throws IOException {
        return Files.createDirectories(
                Path.of(System.getProperty("basedir", ".")).resolve("docs"));
    }

    private static void assertNoSidewaysScroll(String where) {
        var widths = (List<?>) chromium.driver.executeScript(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
        assertThat(((Number) widths.get(0)).intValue())
                .as("%s: page width %s", where, widths)
                .isLessThanOrEqualTo(((Number) widths.get(1)).intValue());
    }
}
