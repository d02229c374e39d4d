package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.MailflowInstance;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under a running mailflow (issue 18): readiness says 503 and the history list
 * 503 with {@code Retry-After}, each within the pool's 3 s connection timeout rather than Hikari's
 * default 30 s (the answer times are printed, not asserted).
 */
@Tag("system")
class DatabaseDownSystemTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withPostgresStoppedReadinessAndTheListAnswer503() throws Exception {
        SystemTier.requires(PostgresServer.available(), "PostgreSQL installed and running as root");
        try (var postgres = PostgresServer.start();
                var app = MailflowInstance.start(
                        25,
                        Map.of(
                                "spring.datasource.url",
                                postgres.url(),
                                "spring.datasource.username",
                                PostgresServer.USER,
                                "spring.datasource.password",
                                ""))) {
            assertThat(get(app, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(get(app, "/api/probes").statusCode()).isEqualTo(200);

            postgres.stop();

            var readiness = timed(app, "/actuator/health/readiness");
            var list = timed(app, "/api/probes");
            var again = timed(app, "/api/probes");

            assertThat(readiness.statusCode()).isEqualTo(503);
            for (var answer : new HttpResponse<?>[] {list, again}) {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(answer.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            }
        }
    }

    private HttpResponse<String> timed(MailflowInstance app, String path) throws Exception {
        long start = System.nanoTime();
        var response = get(app, path);
        System.out.printf(
                "PostgreSQL stopped: %s answered %d after %.2f s%n",
                path, response.statusCode(), (System.nanoTime() - start) / 1e9);
        return response;
    }

    private HttpResponse<String> get(MailflowInstance app, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Authorization", TestUser.AUTHORIZATION)
                .timeout(Duration.ofSeconds(60))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
