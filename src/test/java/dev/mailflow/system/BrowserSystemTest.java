package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.Peers;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.Action;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import dev.mailflow.testing.smtp.SelfSignedTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A person's view: headless Chromium loads the form, submits a recipient and watches the
 * transcript of a slow server arrive line by line over SSE, then the diagnosis. The finished run
 * page is saved as {@code docs/screenshot.png}, the README's picture.
 */
class BrowserSystemTest extends BrowserTier {

    static final Duration PAUSE = Duration.ofMillis(700);

    /** example.test's MX: replies come late, as from a busy server, so the page must show lines as they come. */
    static final ScriptedSmtpServer SLOW =
            ScriptedSmtpServer.start(s -> s.banner(slowly("220 mx1.example.test ESMTP Postfix (Debian/GNU)"))
                    .startTls(SelfSignedTls.serverContext("mx1.example.test"))
                    // EHLO answers at once: the script adds STARTTLS to an immediate reply only, and only before TLS.
                    .on(
                            "EHLO",
                            "250-mx1.example.test",
                            "250-PIPELINING",
                            "250-SIZE 10240000",
                            "250-ENHANCEDSTATUSCODES",
                            "250 DSN")
                    .on("STARTTLS", slowly("220 2.0.0 Ready to start TLS"))
                    .on("MAIL", slowly("250 2.1.0 Ok"))
                    .on("RCPT", slowly("250 2.1.5 Ok"))
                    .on("QUIT", slowly("221 2.0.0 Bye")));

    /** A server given by host and port in the form, whose banner is markup. */
    static final ScriptedSmtpServer HOSTILE = ScriptedSmtpServer.start(
            s -> s.banner("220 evil.test <script>window.pwned=1</script><img src=x onerror=window.pwned=2>"));

    static final TestDnsServer DNS =
            TestDnsServer.builder().zone("example.test", """
                    @    MX 10 mx1
                    mx1  A  127.0.0.1
                    """).start();

    @RegisterExtension
    static final Peers PEERS = Peers.of(DNS, SLOW, HOSTILE);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PEERS.reach(registry);
        MailflowApi.register(registry);
    }

    @Test
    void theTranscriptStreamsLineByLineThenTheDiagnosisAppears() throws Exception {
        var page = new RunPage(chromium.driver, "http://127.0.0.1:" + port);
        page.open();
        page.submit("kate@example.test", "helpdesk@contoso.test");

        var seen = new ArrayList<Integer>();
        var finished = page.watch(Duration.ofSeconds(60), seen::add);

        assertThat(finished)
                .as("the verdict appeared; line counts seen before it: %s", seen)
                .isTrue();
        assertThat(seen.stream().filter(n -> n > 0).distinct().count())
                .as("distinct transcript sizes seen while the run was still going: %s", seen)
                .isGreaterThanOrEqualTo(4);
        assertThat(page.transcript())
                .contains("220 mx1.example.test ESMTP Postfix (Debian/GNU)")
                .contains("STARTTLS")
                .contains("RCPT TO:<kate@example.test>");
        assertThat(page.findings()).isNotEmpty();
        assertThat(page.findings().toString()).contains("self-signed");
        assertThat(cspViolations()).isEmpty();

        page.openPermalink();
        assertThat(page.verdictShown()).isTrue();
        chromium.driver.findElement(By.cssSelector(".certs details summary")).click();
        assertThat(chromium.driver.findElement(By.cssSelector(".certs")).getText())
                .contains(
                        "not trusted (self-signed)",
                        "Subject",
                        "Issuer",
                        "Names (SANs)",
                        "Valid",
                        "SHA-256 fingerprint")
                .contains("mx1.example.test");
        var screenshot = Path.of(System.getProperty("basedir", ".")).resolve("docs/screenshot.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, chromium.wholePage());
    }

    @Test
    void aHostileBannerIsShownAsText() throws Exception {
        var page = new RunPage(chromium.driver, "http://127.0.0.1:" + port);
        page.open();
        page.submit("kate@example.test", "127.0.0.1", HOSTILE.address().getPort());

        assertThat(page.watch(Duration.ofSeconds(60), n -> {})).isTrue();
        assertThat(page.transcript())
                .contains("220 evil.test <script>window.pwned=1</script><img src=x onerror=window.pwned=2>");
        assertThat(chromium.driver.findElements(By.cssSelector("ol.transcript img, ol.transcript script")))
                .isEmpty();
        assertThat(chromium.driver.executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
        assertThat(cspViolations()).isEmpty();
    }

    /** Console messages about the Content-Security-Policy; first proves the console can be read at all. */
    private static List<String> cspViolations() {
        chromium.driver.executeScript("console.error('mailflow console check')");
        var console = chromium.console();
        assertThat(console).as("the browser console is readable").anyMatch(m -> m.contains("mailflow console check"));
        return console.stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
    }

    private static Action slowly(String... lines) {
        return Action.delayed(PAUSE, Action.reply(lines));
    }
}
