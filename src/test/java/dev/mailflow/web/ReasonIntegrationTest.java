package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.AppClient;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A live probe of a server whose reply text names a different cause than its code, and the bounce
 * explainer, through the whole application: the same classifier gives the same reason everywhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReasonIntegrationTest {

    static final String RATE_LIMIT =
            "550 5.1.1 <kate@example.test> - 127.0.0.1 has sent to too many recipients this hour";

    static final ScriptedSmtpServer LIMITED = ScriptedSmtpServer.start(s -> s.on("RCPT", RATE_LIMIT));

    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
        registry.add("mailflow.targets.allow", () -> "127.0.0.0/8");
        registry.add(
                "mailflow.targets.ports", () -> String.valueOf(LIMITED.address().getPort()));
        registry.add("mailflow.smtp.helo-name", () -> "probe.contoso.test");
    }

    @AfterAll
    static void stop() {
        LIMITED.close();
    }

    @LocalServerPort
    int port;

    private AppClient app;

    @BeforeEach
    void connect() {
        app = AppClient.signedIn(port);
    }

    @Test
    void theReasonOfALiveReplyIsInTheResultThePageAndTheNote() throws Exception {
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test", "host": "127.0.0.1",
                 "port": %d}
                """.formatted(LIMITED.address().getPort()));
        var result = json.readTree(app.get("/api/probes/" + id).body());

        var rcpt = result.get("sessions")
                .get(0)
                .get("replies")
                .valueStream()
                .filter(r -> r.get("phase").asString().equals("RCPT"))
                .findFirst()
                .orElseThrow();
        assertThat(rcpt.get("reason").asString()).isEqualTo("RATE_LIMITED");
        assertThat(result.get("findings").get(0).get("reason").asString()).isEqualTo("RATE_LIMITED");
        assertThat(result.get("findings").get(0).get("causes").get(0).asString())
                .contains("points to another cause (recipient unknown) than the text (rate limited)");
        assertThat(app.get("/probes/" + id).body()).contains("rate limited");
        assertThat(app.get("/probes/" + id + "/escalation.txt").body()).contains("Reason:             rate limited");

        var explained = app.post("/api/explain", json.writeValueAsString(Map.of("text", RATE_LIMIT)));
        assertThat(explained.statusCode()).isEqualTo(200);
        assertThat(json.readTree(explained.body())
                        .get("replies")
                        .get(0)
                        .get("reason")
                        .asString())
                .isEqualTo("RATE_LIMITED");
    }

    @Test
    void theExplainerNeedsCredentials() throws Exception {
        var response = AppClient.anonymous(port).post("/api/explain", "{\"text\": \"550 5.1.1 User unknown\"}");

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
