package dev.mailflow.system;

import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The form and the run as the browser shows them. Logs in first when the app asks for it (form
 * login at {@code /login} with the standard field names), so the tests work with and without
 * Spring Security.
 */
final class RunPage {

    private final ChromeDriver driver;
    private final String base;

    RunPage(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    void open() {
        driver.get(base + "/");
        if (driver.getCurrentUrl().contains("/login")) {
            driver.findElement(By.name("username")).sendKeys(MailflowApi.USER);
            driver.findElement(By.name("password")).sendKeys(MailflowApi.PASSWORD);
            driver.findElement(By.cssSelector("form [type=submit]")).click();
            driver.get(base + "/");
        }
        driver.findElement(By.id("rcptTo"));
    }

    void submit(String recipient, String sender) {
        driver.findElement(By.id("mailFrom")).sendKeys(sender);
        submit(recipient);
    }

    void submit(String recipient) {
        driver.findElement(By.id("rcptTo")).sendKeys(recipient);
        driver.findElement(By.cssSelector("#probe-form button[type=submit]")).click();
    }

    /** Submits with an explicit server, from the form's Options section. */
    void submit(String recipient, String host, int port) {
        driver.findElement(By.cssSelector("#probe-form details.advanced summary"))
                .click();
        driver.findElement(By.id("host")).sendKeys(host);
        var portField = driver.findElement(By.id("port"));
        portField.clear();
        portField.sendKeys(Integer.toString(port));
        submit(recipient);
    }

    /**
     * Polls the page until the verdict is shown, handing each transcript size seen before that to
     * {@code beforeVerdict}; returns whether the verdict appeared in time.
     */
    boolean watch(Duration timeout, IntConsumer beforeVerdict) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // One script, so the count and the verdict are read at the same instant.
            var state = (List<?>) driver.executeScript("return [document.querySelectorAll('ol.transcript > li').length,"
                    + " document.querySelector('#verdict .verdict') !== null];");
            if (Boolean.TRUE.equals(state.get(1))) {
                return true;
            }
            beforeVerdict.accept(((Number) state.get(0)).intValue());
            Thread.sleep(100);
        }
        return false;
    }

    boolean verdictShown() {
        return !driver.findElements(By.cssSelector("#verdict .verdict")).isEmpty();
    }

    /** The transcript's texts as shown, one per line. */
    List<String> transcript() {
        return driver.findElements(By.cssSelector("ol.transcript > li .text")).stream()
                .map(WebElement::getText)
                .toList();
    }

    List<String> findings() {
        return driver.findElements(By.cssSelector("#findings > li")).stream()
                .map(WebElement::getText)
                .toList();
    }

    void openPermalink() {
        var link = driver.findElement(By.linkText("Permalink")).getAttribute("href");
        driver.get(link);
        driver.findElement(By.cssSelector("ol.transcript"));
    }
}
