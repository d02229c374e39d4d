package dev.mailflow.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.MailflowInstance;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application on its default embedded database, as an operator tries it: start a probe,
 * restart the app, open the permalink; list, filter and compare runs through the API and pages.
 */
class HistoryAppTest {

    static final ScriptedSmtpServer SERVER = ScriptedSmtpServer.start(
            s -> s.on("RCPT", "550 5.1.1 <kate@restart.test>: Recipient address rejected: User unknown"));
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    static String request(String domain) {
        return """
                {"domain": "%s", "rcptTo": ["kate@%s"], "host": "127.0.0.1", "port": %d, "tls": "NONE"}""".formatted(domain, domain, SERVER.address().getPort());
    }

    MailflowInstance start() {
        return MailflowInstance.start(
                SERVER.address().getPort(),
                Map.of("mailflow.history.dir", dir.resolve("data").toString()));
    }

    @Test
    void aRestartKeepsThePermalinkAndTheHistoryListsComparesAndFiltersRuns() throws Exception {
        String first;
        JsonNode before;
        try (var app = start()) {
            first = app.client().startAndFinish(request("restart.test"));
            before = JSON.readTree(app.client().get("/api/probes/" + first).body());
        }
        assertThat(Files.list(dir.resolve("data"))).isNotEmpty();

        try (var app = start()) {
            var client = app.client();
            var after = client.get("/api/probes/" + first);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(after.body())).isEqualTo(before);
            assertThat(before.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(client.get("/probes/" + first).body()).contains("User unknown");
            assertThat(client.get("/probes/" + first + "/transcript.txt").body())
                    .contains("RCPT TO:<kate@restart.test>");

            var second = client.startAndFinish(request("restart.test"));
            var other = client.startAndFinish(request("other.test"));

            var list = JSON.readTree(
                    client.get("/api/probes?domain=restart.test&limit=1").body());
            assertThat(list.get("runs")).hasSize(1);
            var newest = list.get("runs").get(0);
            assertThat(newest.get("id").asString()).isEqualTo(second);
            assertThat(newest.get("outcome").asString()).isEqualTo("BOUNCE");
            assertThat(newest.get("rcptTo").get(0).asString()).isEqualTo("kate@restart.test");
            assertThat(newest.get("owner").asString()).isEqualTo("helpdesk");
            var next = list.get("next").asString();
            var older = JSON.readTree(client.get("/api/probes?domain=restart.test&limit=1&before=" + next)
                    .body());
            assertThat(older.get("runs").get(0).get("id").asString()).isEqualTo(first);
            assertThat(older.get("next").isNull()).isTrue();

            var diff =
                    JSON.readTree(client.get("/api/probes/" + second + "/diff").body());
            assertThat(diff.get("against").asString()).isEqualTo(first);
            assertThat(diff.get("changes")).isEmpty();
            var firstDiff =
                    JSON.readTree(client.get("/api/probes/" + other + "/diff").body());
            assertThat(firstDiff.get("against").isNull()).isTrue();

            var page = client.get("/probes?domain=restart.test");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(first, second).doesNotContain(other);
            var runPage = client.get("/probes/" + second).body();
            assertThat(runPage).contains("Earlier runs of this domain", first, "changes-none");
        }
    }

    @Test
    void aFilterThatCannotBeReadIsA400NamingTheField() throws Exception {
        try (var app = start()) {
            var api = app.client().get("/api/probes?outcome=sideways&limit=1000&before=x");
            assertThat(api.statusCode()).isEqualTo(400);
            assertThat(api.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(api.body()).contains("outcome", "limit", "before");
            var page = app.client().get("/probes?from=yesterday");
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("a date as YYYY-MM-DD").doesNotContain("Exception");
        }
    }
}
