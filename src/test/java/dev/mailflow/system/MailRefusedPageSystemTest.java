package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.Peers;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An Exchange-like server that refuses MAIL (530 5.7.1) and, pipelined, still answers the RCPT
 * with 250: the run page says BOUNCE in red, shows the RCPT reply as void, and has no "accepts mail"
 * finding. The page is saved as {@code docs/run-mail-refused.png} (phone size).
 */
class MailRefusedPageSystemTest extends BrowserTier {

    static final ScriptedSmtpServer EXCHANGE =
            ScriptedSmtpServer.start(s -> s.banner("220 mbx01.fabrikam.test Microsoft ESMTP MAIL Service ready")
                    .on("EHLO", "250-mbx01.fabrikam.test Hello", "250-PIPELINING", "250 ENHANCEDSTATUSCODES")
                    .on("MAIL", "530 5.7.1 Client was not authenticated")
                    .on("RCPT", "250 2.1.5 Recipient OK")
                    .on("QUIT", "221 2.0.0 Bye"));

    static final TestDnsServer DNS =
            TestDnsServer.builder().zone("fabrikam.test", """
                    @       MX 10 mbx01
                    mbx01   A  127.0.0.1
                    """).start();

    @RegisterExtension
    static final Peers PEERS = Peers.of(DNS, EXCHANGE);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PEERS.reach(registry);
        MailflowApi.register(registry);
    }

    @Test
    void aRcptAnsweredAfterARefusedMailIsNotAnAcceptedRecipient() throws Exception {
        var api = new MailflowApi(port);
        var result = api.probe("""
                {"rcptTo": ["kate@fabrikam.test"], "mailFrom": "helpdesk@contoso.test"}
                """);
        assertThat(EXCHANGE.received()).contains("RCPT TO:<kate@fabrikam.test>");
        assertThat(result.get("outcome").asString()).isEqualTo("BOUNCE");
        result.get("findings").forEach(f -> assertThat(f.get("id").asString()).isNotEqualTo("rcpt.accepted"));

        var driver = chromium.driver;
        new RunPage(driver, "http://127.0.0.1:" + port).open();
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get("http://127.0.0.1:" + port + "/probes/" + result.get("id").asString());

        assertThat(driver.findElement(By.cssSelector("#verdict .badge.outcome")).getText())
                .isEqualToIgnoringCase("bounce");
        var rcpt = driver.findElement(By.cssSelector("table.matrix td.cell-void"));
        assertThat(rcpt.getText().toLowerCase(Locale.ROOT)).contains("250 void");
        assertThat(rcpt.getAttribute("title")).contains("MAIL was refused");
        assertThat(driver.findElement(By.id("findings")).getText()).doesNotContain("accepts mail");

        var docs = Files.createDirectories(
                Path.of(System.getProperty("basedir", ".")).resolve("docs"));
        Files.write(docs.resolve("run-mail-refused.png"), chromium.wholePage());
        driver.manage().window().setSize(new Dimension(1280, 900));
    }
}
