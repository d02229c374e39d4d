package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.TestUser;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database goes away while mailflow runs (issue 18): an H2 server reached over TCP, as
 * PostgreSQL is, stopped mid-test. Readiness says 503 and the history answers 503 with {@code
 * Retry-After}, as problem+json on the API and a page on the web, within the pool's short
 * connection timeout (the answer times are printed; {@code DatabaseDownSystemTest} does the same
 * with PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseDownIntegrationTest {

    static final Server DATABASE = start();
    static final String TOKEN = "mft_database-down-token-for-tests-with-enough-random-bits";

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Server start() {
        try (var free = new ServerSocket(0)) {
            int port = free.getLocalPort();
            free.close();
            return Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists")
                    .start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
        registry.add("mailflow.security.tokens[0].name", () -> "scraper");
        registry.add("mailflow.security.tokens[0].digest", () -> "sha256:" + sha256(TOKEN));
        registry.add("mailflow.security.tokens[0].roles", () -> "VIEWER");
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:tcp://127.0.0.1:" + DATABASE.getPort()
                        + "/mem:down;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stop() {
        DATABASE.stop();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withTheDatabaseGoneReadinessAndTheHistorySay503() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/api/probes").statusCode()).isEqualTo(200);
        assertThat(get("/api/probes", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

        DATABASE.stop();

        var readiness = timed("/actuator/health/readiness");
        var list = timed("/api/probes");
        var page = timed("/probes");

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(503);
        assertThat(list.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(list.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(list.body()).contains("\"status\":503", "database does not answer");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(page.body()).contains("Try again shortly");

        // Past the tokens' reload interval: the tokens read before still sign in, and the list says 503.
        Thread.sleep(5_500);
        var withToken = get("/api/probes", "Bearer " + TOKEN);
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(503);
    }

    private HttpResponse<String> timed(String path) throws Exception {
        long start = System.nanoTime();
        var response = get(path);
        System.out.printf(
                "database down: %s answered %d after %.2f s%n",
                path, response.statusCode(), (System.nanoTime() - start) / 1e9);
        return response;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, TestUser.AUTHORIZATION);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
