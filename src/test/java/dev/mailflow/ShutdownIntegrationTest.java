package dev.mailflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailflow.testing.AppClient;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.smtp.Action;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stopping the application (what SIGTERM does) while a run talks to a server and nobody follows
 * its stream: the run ends as INTERRUPTED and leaves its audit line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownIntegrationTest {

    @Test
    void aRunCutOffByShutdownEndsInterruptedWithItsAuditLine(CapturedOutput output) throws Exception {
        try (var tarpit = ScriptedSmtpServer.start(s -> s.banner(Action.stall()))) {
            var app = new SpringApplicationBuilder(MailflowApplication.class)
                    .properties(
                            "server.port=0",
                            "mailflow.targets.allow=127.0.0.0/8",
                            "mailflow.targets.ports=" + tarpit.address().getPort(),
                            "mailflow.dns.servers=127.0.0.1:9",
                            "mailflow.security.users[0].name=" + TestUser.NAME,
                            "mailflow.security.users[0].password={bcrypt}"
                                    + new BCryptPasswordEncoder(4).encode(TestUser.PASSWORD),
                            "mailflow.security.users[0].roles=OPERATOR")
                    .run();
            var port = ((WebServerApplicationContext) app).getWebServer().getPort();
            var client = AppClient.signedIn(port);

            var started =
                    client.post("/api/probes", """
                    {"rcptTo": ["kate@example.test"], "host": "127.0.0.1", "port": %d}
                    """.formatted(tarpit.address().getPort()));
            assertThat(started.statusCode()).isEqualTo(202);
            var id = JsonMapper.builder()
                    .build()
                    .readTree(started.body())
                    .get("id")
                    .asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> tarpit.connections() > 0);
            assertThat(tarpit.connections()).isEqualTo(1);

            app.close();

            assertThat(output.getOut())
                    .containsPattern("run=" + id + " user=" + TestUser.NAME + " .* contacted=127\\.0\\.0\\.1:"
                            + tarpit.address().getPort() + " .* status=INTERRUPTED");
        }
    }
}
