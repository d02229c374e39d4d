package dev.mailflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.probe.RetryAfter;
import dev.mailflow.testing.AppClient;
import dev.mailflow.testing.TestUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Wrong passwords through the whole application: after too many failures for a user name, or from
 * an address, sign-ins are answered 429 with Retry-After before any password is checked, even a
 * right one, while health stays up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInThrottleIntegrationTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
        registry.add("mailflow.security.sign-in.failures-per-user", () -> "2");
        registry.add("mailflow.security.sign-in.failures-per-address", () -> "5");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void failedSignInsAreThrottledPerUserNameThenPerAddress() throws Exception {
        assertThat(get("/api/codes/550", TestUser.NAME, TestUser.PASSWORD).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/codes/550", TestUser.NAME, "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/codes/550", TestUser.NAME, "wrong again").statusCode())
                .isEqualTo(401);

        var throttled = get("/api/codes/550", TestUser.NAME, TestUser.PASSWORD);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 300L));
        var seconds =
                Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertThat(throttled.body())
                .contains("Too many failed sign-ins; try again in " + RetryAfter.words(Duration.ofSeconds(seconds))
                        + ".");
        // Pages take HTTP Basic too, and are throttled alike.
        assertThat(get("/", TestUser.NAME, TestUser.PASSWORD).statusCode()).isEqualTo(429);

        // Unknown users count against the address: three more failures make five from 127.0.0.1.
        for (var user : new String[] {"nobody", "noone", "root"}) {
            assertThat(get("/api/codes/550", user, "guess").statusCode()).isEqualTo(401);
        }
        assertThat(get("/api/codes/550", "someone-new", "guess").statusCode()).isEqualTo(429);

        assertThat(AppClient.anonymous(port).get("/actuator/health").statusCode())
                .isEqualTo(200);
        assertThat(AppClient.anonymous(port).get("/actuator/health/liveness").statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        var basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Basic " + basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
