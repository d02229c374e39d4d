package dev.mailflow.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The history tells one story per recipient: kate@ failing, then accepted again, is not mixed up
 * with nobody-here@ at the same domain; filters match from the start; pages go both ways.
 */
class HistoryStoryIntegrationTest extends RunningApp {

    static final ScriptedSmtpServer REFUSES =
            ScriptedSmtpServer.start(s -> s.on("RCPT", "550 5.1.1 Recipient address rejected: User unknown"));
    static final ScriptedSmtpServer ACCEPTS = ScriptedSmtpServer.start(s -> s);
    static final TestDnsServer DNS = TestDnsServer.builder().start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        reach(
                registry,
                DNS,
                "127.0.0.0/8",
                "probe.contoso.test",
                ACCEPTS.address().getPort(),
                REFUSES.address().getPort(),
                ACCEPTS.address().getPort());
        TestUser.register(registry);
    }

    @AfterAll
    static void stopServers() {
        REFUSES.close();
        ACCEPTS.close();
        DNS.close();
    }

    static String request(String rcpt, ScriptedSmtpServer server) {
        return """
                {"domain": "story.test", "rcptTo": ["%s"], "host": "127.0.0.1", "port": %d, "tls": "NONE"}""".formatted(rcpt, server.address().getPort());
    }

    @Test
    void theStoryOfOneRecipientIsNotMixedWithAnothersAtTheSameDomain() throws Exception {
        var kateFails = app.startAndFinish(request("kate@story.test", REFUSES));
        var nobodyFails = app.startAndFinish(request("nobody-here@story.test", REFUSES));
        var nobodyAgain = app.startAndFinish(request("nobody-here@story.test", ACCEPTS));
        var kateAccepted = app.startAndFinish(request("kate@story.test", ACCEPTS));
        stored(kateAccepted);

        var diff =
                json.readTree(app.get("/api/probes/" + kateAccepted + "/diff").body());
        assertThat(diff.get("against").asString()).isEqualTo(kateFails);
        var otherDiff =
                json.readTree(app.get("/api/probes/" + nobodyAgain + "/diff").body());
        assertThat(otherDiff.get("against").asString()).isEqualTo(nobodyFails);

        var page = app.get("/probes/" + kateAccepted).body();
        var earlier = page.substring(page.indexOf("id=\"earlier-runs\""));
        assertThat(earlier).contains(kateFails).doesNotContain(nobodyFails).doesNotContain(nobodyAgain);
        assertThat(page).contains("Earlier runs to <span class=\"name\">kate@story.test</span>");
        var timeline =
                page.substring(page.indexOf("id=\"timeline\""), page.indexOf("</ol>", page.indexOf("id=\"timeline\"")));
        assertThat(timeline).contains("bounce since", "accepted again at", "the recipient does not exist");
    }

    @Test
    void filtersMatchFromTheStartAndAnAddressInDomainIsSearchedAsARecipient() throws Exception {
        var kate = app.startAndFinish(request("kathy@story.test", ACCEPTS));
        stored(kate);

        assertThat(ids("/api/probes?domain=story")).contains(kate);
        assertThat(ids("/api/probes?domain=story.tes")).contains(kate);
        assertThat(ids("/api/probes?domain=tory.test")).doesNotContain(kate);
        assertThat(ids("/api/probes?rcpt=KATH")).contains(kate);
        assertThat(ids("/api/probes?rcpt=nobody")).doesNotContain(kate);

        var page = app.get("/probes?domain=kathy@story.test").body();
        assertThat(page).contains("id=\"address-as-domain\"").contains("run-" + kate);
    }

    @Test
    void pagesGoToOlderRunsAndBackToNewerOnes() throws Exception {
        for (int i = 0; i < 3; i++) {
            stored(app.startAndFinish(request("pager@story.test", ACCEPTS)));
        }
        var first = json.readTree(app.get("/api/probes?rcpt=pager&limit=1").body());
        assertThat(first.get("previous").isNull()).isTrue();
        var second = json.readTree(app.get("/api/probes?rcpt=pager&limit=1&before="
                        + first.get("next").asString())
                .body());
        assertThat(ids(second)).isNotEqualTo(ids(first));
        var back = json.readTree(app.get("/api/probes?rcpt=pager&limit=1&after="
                        + second.get("previous").asString())
                .body());
        assertThat(ids(back)).isEqualTo(ids(first));

        var html = app.get(
                        "/probes?rcpt=pager&limit=1&before=" + first.get("next").asString())
                .body();
        assertThat(html).contains("id=\"history-newer\"", "id=\"history-older\"");
    }

    /** The history writes on its own thread: wait until the run's end is stored. */
    private void stored(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var list = json.readTree(app.get("/api/probes?limit=100").body());
            for (var run : list.get("runs")) {
                if (run.get("id").asString().equals(id)
                        && run.get("status").asString().equals("COMPLETED")) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("run " + id + " was not stored");
    }

    private List<String> ids(String path) throws Exception {
        return ids(json.readTree(app.get(path).body()));
    }

    private static List<String> ids(JsonNode page) {
        return page.get("runs").valueStream().map(r -> r.get("id").asString()).toList();
    }
}
