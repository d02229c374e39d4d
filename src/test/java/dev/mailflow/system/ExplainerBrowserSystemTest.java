package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bounce explainer in headless Chromium: a bounce pasted into the box is answered with its kind
 * and a row per recipient (at 1366 and at 390 pixels wide, without sideways scrolling); "Test this
 * recipient now" runs a live probe against a scripted server that still refuses and shows the
 * outcome beside the bounce; an .eml dropped on the paste box is uploaded and explained.
 */
class ExplainerBrowserSystemTest extends BrowserTier {

    static final ScriptedSmtpServer STILL_REFUSING = ScriptedSmtpServer.start(
            s -> s.on("RCPT", "550 5.1.1 <kate@bounce.test>: Recipient address rejected: User unknown"));

    static final TestDnsServer DNS =
            TestDnsServer.builder().zone("bounce.test", """
            @    MX 10 mx1
            mx1  A  127.0.0.1
            """).start();

    static final String PASTED = """
            This is the mail system at host mail.contoso.test.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <kate@bounce.test>: host mx1.bounce.test[127.0.0.1] said: 550 5.1.1
                <kate@bounce.test>: Recipient address rejected: User unknown (in reply to
                RCPT TO command)
            """;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        int port = STILL_REFUSING.address().getPort();
        RunningApp.reach(registry, DNS, "127.0.0.0/8", "probe.contoso.test", port, port);
        MailflowApi.register(registry);
    }

    @AfterAll
    static void stopServers() {
        STILL_REFUSING.close();
        DNS.close();
    }

    @Test
    void aPastedBounceIsAnsweredPerRecipientAndTheRecipientCanBeTestedAgain() {
        var driver = chromium.driver;
        var base = "http://127.0.0.1:" + port;
        new RunPage(driver, base).open();
        driver.manage().window().setSize(new Dimension(1366, 900));
        driver.get(base + "/codes");
        // As a paste puts it there: the whole text at once.
        driver.executeScript("arguments[0].value = arguments[1];", driver.findElement(By.id("bounce")), PASTED);
        driver.findElement(By.cssSelector("#explain-form button[type=submit]")).click();

        var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        var result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bounce-result")));
        assertThat(result.getText()).contains("A bounce: delivery failed", "kate@bounce.test", "5.1.1");
        assertThat(driver.findElement(By.cssSelector(".recipients tbody tr")).getText())
                .contains("refused", "The recipient does not exist");
        assertThat(scrollsSideways()).as("sideways scrolling at 1366 px").isFalse();

        driver.findElement(By.cssSelector(".retest-form button")).click();
        var outcome = new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".retest-outcome")));
        assertThat(outcome.getText()).contains("still refused: 550 5.1.1", "today");

        driver.manage().window().setSize(new Dimension(390, 844));
        assertThat(scrollsSideways()).as("sideways scrolling at 390 px").isFalse();
        assertThat(driver.findElement(By.cssSelector(".recipients td[data-label=Recipient]"))
                        .isDisplayed())
                .isTrue();
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void anEmlDroppedOnThePasteBoxIsUploadedAndExplained() throws Exception {
        var driver = chromium.driver;
        var base = "http://127.0.0.1:" + port;
        new RunPage(driver, base).open();
        driver.get(base + "/codes");
        var corpus =
                Files.readString(Path.of("src/test/resources/bounces/19-microsoft365.txt"), StandardCharsets.UTF_8);
        var eml = corpus.substring(corpus.indexOf("# ---\n") + 6);
        // What the browser does when a file is dropped: a drop event whose DataTransfer holds the file.
        driver.executeScript("""
                var file = new File([arguments[1]], "bounce.eml", {type: "message/rfc822"});
                var data = new DataTransfer();
                data.items.add(file);
                arguments[0].dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true, cancelable: true}));
                arguments[0].dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
                """, driver.findElement(By.id("bounce")), eml);

        var result = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("bounce-result")));
        assertThat(result.getText())
                .contains("From the file bounce.eml", "kate@example.org", "5.1.10", "The message that bounced");
        assertThat(chromium.console()).noneMatch(line -> line.contains("Content-Security-Policy"));
    }

    private boolean scrollsSideways() {
        var wider = chromium.driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(wider);
    }
}
