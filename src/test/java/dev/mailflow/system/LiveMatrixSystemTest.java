package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.Peers;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.Action;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Debian's headless Chromium on a run page opened while the run goes on: the session matrix fills
 * in from the live stream (swapped in out of band), without a reload, and the transcript still
 * grows beside it; the posture panel's rows arrive the same way.
 */
class LiveMatrixSystemTest extends BrowserTier {

    /** mx2 greets after a pause, so the page is open before its session ends. */
    static final ScriptedSmtpServer SLOW = ScriptedSmtpServer.start(
            s -> s.banner(Action.delayed(Duration.ofSeconds(5), Action.reply("220 mx2.slow.test ESMTP"))));

    static final TestDnsServer DNS =
            TestDnsServer.builder().zone("slow.test", """
                    @    MX 10 mx1
                    @    MX 20 mx2
                    mx1  A  127.0.0.3
                    mx2  A  127.0.0.1
                    """).start();

    @RegisterExtension
    static final Peers PEERS = Peers.of(DNS, SLOW);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PEERS.reach(registry);
        MailflowApi.register(registry);
    }

    ChromeDriver browser;

    @BeforeEach
    void signIn() {
        browser = chromium.driver;
        new RunPage(browser, "http://127.0.0.1:" + port).open();
    }

    @Test
    void theMatrixFillsInAsSessionsEnd() throws Exception {
        var id = new MailflowApi(port).start("""
                {"rcptTo": ["kate@slow.test"], "mailFrom": "helpdesk@contoso.test"}
                """);

        browser.get("http://127.0.0.1:" + port + "/probes/" + id);
        var matrix = By.id("matrix-" + id);
        // The page may open before the MX plan is known ("no session has started yet"): the rows
        // arrive over the stream, well before mx2's greeting (5 s).
        new WebDriverWait(browser, Duration.ofSeconds(4))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> text(d.findElement(matrix)).contains("mx2.slow.test"));
        assertThat(textNow(matrix)).doesNotContain("220");

        try {
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> text(d.findElement(By.id("run-status"))).contains("completed"));
        } catch (RuntimeException e) {
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of("target/live-matrix-page.html"), browser.getPageSource());
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of("target/live-matrix-console.txt"), String.join("\n", chromium.console()));
            throw e;
        }

        var rows = new WebDriverWait(browser, Duration.ofSeconds(2))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(matrix).findElements(By.cssSelector("tbody tr")).stream()
                        .map(LiveMatrixSystemTest::text)
                        .toList());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains("mx1.slow.test", "127.0.0.3", "refused");
        assertThat(rows.get(1)).contains("mx2.slow.test", "completed", "220", "250");
        assertThat(browser.findElements(By.cssSelector("ol.transcript li")).size())
                .isGreaterThan(5);
        assertThat(textNow(By.id("verdict"))).contains("would be delivered", "mx2.slow.test accepts mail");
        // The posture rows were pending when the page opened and arrived over the stream.
        var posture = textNow(By.id("posture-" + id));
        assertThat(posture)
                .doesNotContain("checking")
                .contains("mta-sts", "dmarc of the sender", "port 25 from our side");
    }

    /**
     * The text of what {@code by} finds now, read again if the stream swapped the element between
     * finding and reading it (htmx replaces a fragment whole).
     */
    private String textNow(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(2))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> text(d.findElement(by)));
    }

    /** The text as shown, in lower case: badges are shown in capitals (CSS text-transform). */
    private static String text(org.openqa.selenium.WebElement element) {
        return element.getText().toLowerCase(java.util.Locale.ROOT);
    }
}
