package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailflow.testing.MailflowInstance;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One instance on the embedded database, as everyone runs it: one vantage, {@code local}, which
 * works as before; asking a vantage no worker serves ends that part within the claim timeout, while
 * the instance's own part is claimed and run by its own worker.
 */
class VantagesAppTest {

    static final ScriptedSmtpServer SERVER = ScriptedSmtpServer.start(
            s -> s.on("RCPT", "550 5.1.1 <kate@vantage.test>: Recipient address rejected: User unknown"));
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    static MailflowInstance app;

    @BeforeAll
    static void start() {
        app = MailflowInstance.start(
                SERVER.address().getPort(),
                Map.of(
                        "mailflow.history.dir", dir.resolve("data").toString(),
                        "mailflow.vantage.claim-timeout", "2s",
                        "mailflow.vantage.poll", "100ms"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        SERVER.close();
    }

    static String request(String vantages) {
        return """
                {"rcptTo": ["kate@vantage.test"], "host": "127.0.0.1", "port": %d, "tls": "NONE", "vantages": %s}""".formatted(SERVER.address().getPort(), vantages);
    }

    JsonNode result(String id) throws Exception {
        return JSON.readTree(app.client().get("/api/probes/" + id).body());
    }

    @Test
    void theOneVantageIsLocalAndARunAskedFromItIsAPlainRun() throws Exception {
        var registry = JSON.readTree(app.client().get("/api/vantages").body());
        assertThat(registry.get("here").asString()).isEqualTo("local");
        var local = registry.get("vantages").get(0);
        assertThat(local.get("name").asString()).isEqualTo("local");
        assertThat(local.get("up").asBoolean()).isTrue();
        assertThat(local.get("version").asString()).isNotBlank();
        assertThat(app.client().get("/vantages").body()).contains("Vantages", "<td>local</td>", ">up<");

        var id = app.client().startAndFinish(request("[\"local\"]"));
        var result = result(id);
        assertThat(result.get("outcome").asString()).isEqualTo("BOUNCE");
        assertThat(result.has("vantages")).isFalse();
        assertThat(result.get("sessions").get(0).get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(app.client().get("/probes/" + id + "/vantages").body()).doesNotContain("From each vantage");
    }

    @Test
    void aVantageWithoutAWorkerEndsWithinTheClaimTimeoutBesideTheLocalPart() throws Exception {
        var id = app.client().startAndFinish(request("[\"local\", \"nowhere\"]"));

        var result = result(id);
        assertThat(result.get("status").asString()).isEqualTo("COMPLETED");
        var vantages = result.get("vantages");
        assertThat(names(vantages)).containsExactly("local", "nowhere");
        assertThat(vantages.get(0).get("outcome").asString()).isEqualTo("BOUNCE");
        assertThat(vantages.get(0).get("egress").asString()).isEqualTo("127.0.0.1");
        assertThat(vantages.get(0).get("verdict").asString()).contains("the recipient does not exist");
        assertThat(vantages.get(1).get("outcome").asString()).isEqualTo("FAILED");
        assertThat(vantages.get(1).get("verdict").asString())
                .isEqualTo("no worker of vantage nowhere claimed this part within 2 s");
        assertThat(result.get("verdict").asString())
                .startsWith("The same answer from local:")
                .contains("No answer from nowhere: no worker of vantage nowhere claimed this part");
        // The local part's session, under its vantage's name, with its transcript.
        var session = result.get("sessions").get(0);
        assertThat(session.get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(session.get("transcript").toString()).contains("RCPT TO:<kate@vantage.test>", "User unknown");
        var events = app.client().get("/api/probes/" + id + "/events").body();
        assertThat(events)
                .contains("\"session\":\"[local] 127.0.0.1/127.0.0.1:"
                        + SERVER.address().getPort());

        assertThat(app.client().get("/probes/" + id).body()).contains("hx-get=\"/probes/" + id + "/vantages\"");
        var columns = app.client().get("/probes/" + id + "/vantages").body();
        assertThat(columns)
                .contains("From each vantage", "<th scope=\"col\">local</th>", "<th scope=\"col\">nowhere</th>")
                .contains("outcome-bounce", "outcome-failed", "no worker of vantage nowhere claimed this part")
                .doesNotContain("hx-trigger");
        // The part's own run is shown within the run, not in the history list as a run of its own.
        var listed =
                JSON.readTree(app.client().get("/api/probes?limit=100").body()).get("runs");
        var ids = new ArrayList<String>();
        listed.forEach(r -> ids.add(r.get("id").asString()));
        assertThat(ids).contains(id).hasSize(ids.stream().distinct().toList().size());
        assertThat(listed.toString()).doesNotContain("\"vantages\":[]\"");
    }

    @Test
    void theExporterLabelsItsSeriesWithTheVantageOnlyWhenAskedForOne() throws Exception {
        var target =
                "/probe?module=smtp_banner&target=127.0.0.1:" + SERVER.address().getPort();

        var here = app.client().get(target).body();
        var asked = app.client().get(target + "&vantage=local").body();

        assertThat(here).contains("probe_success 1").doesNotContain("vantage=");
        assertThat(asked).contains("probe_success{vantage=\"local\"} 1");
        var refused = app.client().get(target + "&vantage=No%20Such");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("vantages: 'no such' is not a vantage name");
    }

    @Test
    void aVantageNameThatIsNoneIsA400NamingTheField() throws Exception {
        var response = app.client().post("/api/probes", request("[\"Eu West!\"]"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("vantages", "is not a vantage name");
    }

    private static List<String> names(JsonNode vantages) {
        var names = new ArrayList<String>();
        vantages.forEach(v -> names.add(v.get("name").asString()));
        return names;
    }

    /**
     * A run asked from two vantages is one run: counted once by its outcome, and its local part's
     * session once (where it ran), not again as the copy the run shows; the audit says which line is a part.
     */
    @Test
    void aRunFromTwoVantagesCountsOnceAndItsPartsSessionsOnce() throws Exception {
        var runsBefore = metric("mailflow_probe_runs_total{");
        var repliesBefore = metric("mailflow_smtp_replies_total{class=\"5xx\",phase=\"RCPT\"");

        app.client().startAndFinish(request("[\"local\", \"nowhere\"]"));

        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(metric("mailflow_probe_runs_total{") - runsBefore).isEqualTo(1.0);
            assertThat(metric("mailflow_smtp_replies_total{class=\"5xx\",phase=\"RCPT\"") - repliesBefore)
                    .isEqualTo(1.0);
        });
    }

    /** The sum of the series whose line starts with {@code prefix}. */
    static double metric(String prefix) throws Exception {
        return app.client()
                .get("/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
