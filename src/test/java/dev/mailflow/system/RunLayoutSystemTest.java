package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.Peers;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.Action;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The run page as a helpdesk person meets it, on a laptop (1366×900) and a phone (390×844): the
 * page never scrolls sideways, the verdict badge is on the first screen, the matrix fills in phase
 * by phase while the run goes on, and the transcript follows new lines until the reader scrolls up.
 * Screenshots of both sizes go to {@code docs/}.
 */
class RunLayoutSystemTest extends BrowserTier {

    static final Duration PAUSE = Duration.ofMillis(1500);

    /** A slow server with a long, dripping EHLO reply: the transcript outgrows its box while the run goes on. */
    static final ScriptedSmtpServer SLOW = ScriptedSmtpServer.start(
            s -> s.banner(Action.delayed(PAUSE, Action.reply("220 mail.slow-and-steady.example.test ESMTP")))
                    .on("EHLO", lineByLine(Duration.ofMillis(100), ehloLines()))
                    .on("MAIL", Action.delayed(PAUSE, Action.reply("250 2.1.0 Ok")))
                    .on("RCPT", Action.delayed(PAUSE, Action.reply("250 2.1.5 Ok")))
                    .on("QUIT", Action.reply("221 2.0.0 Bye")));

    static final TestDnsServer DNS = TestDnsServer.builder()
            .zone("slow.test", """
                    @    MX 10 mail.slow-and-steady.example.test.
                    """)
            .zone("example.test", """
                    mail.slow-and-steady  A  127.0.0.1
                    """)
            .start();

    @RegisterExtension
    static final Peers PEERS = Peers.of(DNS, SLOW);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PEERS.reach(registry);
        MailflowApi.register(registry);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1366, 900, laptop", "390, 844, phone"})
    void theAnswerComesFirstAndTheLiveViewFollowsTheRun(int width, int height, String name) throws Exception {
        var driver = chromium.driver;
        var page = new RunPage(driver, "http://127.0.0.1:" + port);
        page.open();
        driver.manage().window().setSize(new Dimension(width, height));
        // The window's outer size includes no chrome in headless mode; the viewport is what counts.
        var viewport = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
        page.submit("kate@slow.test", "helpdesk@contoso.test");

        var filledWhileRunning = false;
        var followedSamples = 0;
        var notFollowedSamples = new ArrayList<String>();
        var scrolledUpAt = -1L;
        Boolean transcriptAboveTheFold = null;
        var stayedUp = false;
        // Where the transcript sits on the screen, from its first lines until the run is over.
        var transcriptTops = new ArrayList<Double>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var state = (List<?>) driver.executeScript("""
                    var box = document.querySelector('ol.transcript');
                    var status = document.getElementById('run-status');
                    var cells = Array.from(document.querySelectorAll('table.matrix td.cell')).map(c => c.textContent);
                    return [
                      status ? status.textContent.trim() : '',
                      cells.join('|'),
                      box ? box.scrollHeight : 0, box ? box.scrollTop : 0, box ? box.clientHeight : 0,
                      box ? box.children.length : 0,
                      box ? box.getBoundingClientRect().top < window.innerHeight - 60 : false,
                      box ? box.getBoundingClientRect().top : 0];
                    """);
            var running = state.get(0).toString().contains("running");
            if (!running && !state.get(0).toString().isEmpty()) {
                break;
            }
            if (transcriptAboveTheFold != null) {
                transcriptTops.add(((Number) state.get(7)).doubleValue());
            }
            if (running && transcriptAboveTheFold == null && ((Number) state.get(5)).longValue() > 5) {
                transcriptAboveTheFold = (Boolean) state.get(6);
                Files.write(docs().resolve("run-" + name + "-live.png"), driver.getScreenshotAs(OutputType.BYTES));
            }
            var cells = state.get(1).toString();
            if (running && cells.contains("220") && cells.contains("…")) {
                filledWhileRunning = true;
            }
            long scrollHeight = ((Number) state.get(2)).longValue();
            long scrollTop = ((Number) state.get(3)).longValue();
            long clientHeight = ((Number) state.get(4)).longValue();
            long lines = ((Number) state.get(5)).longValue();
            var overflowing = scrollHeight > clientHeight + 40;
            if (overflowing && scrolledUpAt < 0) {
                if (scrollHeight - scrollTop - clientHeight < 30) {
                    followedSamples++;
                } else {
                    notFollowedSamples.add(scrollTop + "/" + scrollHeight + "/" + clientHeight);
                }
                if (followedSamples >= 5) {
                    // The reader scrolls up to read: the box must stay where they put it.
                    driver.executeScript("document.querySelector('ol.transcript').scrollTop = 0;");
                    scrolledUpAt = lines;
                }
            } else if (scrolledUpAt >= 0 && lines >= scrolledUpAt + 3) {
                stayedUp = scrollTop == 0;
            }
            Thread.sleep(80);
        }

        // The verdict, the findings and the certificates arrive above the transcript at the end:
        // the lines being read stay where they are on the screen.
        Thread.sleep(500);
        transcriptTops.add(((Number) driver.executeScript(
                        "return document.querySelector('ol.transcript').getBoundingClientRect().top;"))
                .doubleValue());
        var matrixWidths = (List<?>) driver.executeScript("""
                var box = document.querySelector('.matrix-area .table-scroll');
                return box ? [box.scrollWidth, box.clientWidth] : [0, 0];
                """);
        System.out.printf(
                "%s: transcript top from %s to %s px (%d samples), matrix %s px in a %s px box%n",
                name,
                transcriptTops.isEmpty() ? "-" : transcriptTops.getFirst(),
                transcriptTops.getLast(),
                transcriptTops.size(),
                matrixWidths.get(0),
                matrixWidths.get(1));
        if (Boolean.TRUE.equals(transcriptAboveTheFold)) {
            var summary =
                    transcriptTops.stream().mapToDouble(Double::doubleValue).summaryStatistics();
            assertThat(summary.getMax() - summary.getMin())
                    .as("the transcript on the screen did not move while the answer arrived: %s", transcriptTops)
                    .isLessThan(4.0);
        }
        if (width >= 1366) {
            assertThat(((Number) matrixWidths.get(0)).intValue())
                    .as("the session table fits its box on the home page (no sideways scroll)")
                    .isLessThanOrEqualTo(((Number) matrixWidths.get(1)).intValue());
        }
        Files.write(docs().resolve("run-" + name + "-done.png"), driver.getScreenshotAs(OutputType.BYTES));

        assertThat(filledWhileRunning)
                .as("a matrix cell showed the banner's 220 while later cells were still pending")
                .isTrue();
        assertThat(followedSamples)
                .as("the transcript stayed at its end while lines came (off: %s)", notFollowedSamples)
                .isGreaterThanOrEqualTo(5);
        assertThat(notFollowedSamples).isEmpty();
        assertThat(stayedUp)
                .as("after scrolling up, new lines did not pull the box down")
                .isTrue();
        if (width >= 1366) {
            assertThat(transcriptAboveTheFold)
                    .as("the transcript starts on the first screen while the run goes on")
                    .isTrue();
        }
        assertNoSidewaysScroll("home page after the run", viewport);
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("recent"))
                        .getText()
                        .toLowerCase(Locale.ROOT)
                        .contains("deliverable"));
        if (!badgeOnFirstScreen()) {
            // The transcript being read was kept in place and the answer arrived above the screen:
            // a link says so and brings it into view.
            var ready = driver.findElement(By.cssSelector(".verdict-ready"));
            assertThat(ready.isDisplayed())
                    .as("the verdict arrived above the screen and a link says so")
                    .isTrue();
            ready.click();
        }
        assertThat(badgeOnFirstScreen())
                .as("verdict badge on the first screen of the home page")
                .isTrue();

        page.openPermalink();
        assertNoSidewaysScroll("run page", viewport);
        assertThat(badgeOnFirstScreen())
                .as("verdict badge on the first screen of the run page")
                .isTrue();
        assertThat(driver.findElement(By.cssSelector("#verdict .badge.outcome")).getText())
                .isEqualToIgnoringCase("deliverable");

        var docs = docs();
        Files.write(docs.resolve("run-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        Files.write(docs.resolve("run-" + name + "-whole.png"), chromium.wholePage());
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void afterARefusedSubmitTheFocusIsOnTheFirstFieldWithAnError() {
        var driver = chromium.driver;
        var page = new RunPage(driver, "http://127.0.0.1:" + port);
        page.open();
        page.submit("kate@");

        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("rcptTo-error")).isEmpty());
        // htmx settles the swapped form a moment after it lands; focus moves then.
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(d -> "rcptTo".equals(d.switchTo().activeElement().getAttribute("id")));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("rcptTo");
        assertThat(driver.findElements(By.cssSelector("#probe-form .error")))
                .as("the problem is said once")
                .hasSize(1);
    }

    private static Path docs() throws IOException {
        return Files.createDirectories(
                Path.of(System.getProperty("basedir", ".")).resolve("docs"));
    }

    private static void assertNoSidewaysScroll(String where, List<?> viewport) {
        var widths = (List<?>) chromium.driver.executeScript(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
        assertThat(((Number) widths.get(0)).intValue())
                .as("%s: page width vs viewport %s", where, viewport)
                .isLessThanOrEqualTo(((Number) widths.get(1)).intValue());
    }

    private static boolean badgeOnFirstScreen() {
        return Boolean.TRUE.equals(chromium.driver.executeScript("""
                var badge = document.querySelector('#verdict .badge.outcome');
                if (!badge) { return false; }
                var box = badge.getBoundingClientRect();
                return box.top >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
                """));
    }

    /** A multi-line reply whose lines come one by one, a pause before each. */
    private static Action lineByLine(Duration pause, String... lines) {
        return Action.sequence(Stream.of(lines)
                .map(line -> Action.delayed(pause, Action.raw(line + "\r\n")))
                .toArray(Action[]::new));
    }

    private static String[] ehloLines() {
        return Stream.concat(
                        Stream.of("250-mail.slow-and-steady.example.test"),
                        Stream.concat(
                                IntStream.rangeClosed(1, 50).mapToObj(i -> "250-X-FEATURE-" + i),
                                Stream.of("250 ENHANCEDSTATUSCODES")))
                .toArray(String[]::new);
    }
}
