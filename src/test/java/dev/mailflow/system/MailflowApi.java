package dev.mailflow.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running application's JSON API as a system test uses it: start a probe, follow its events to
 * {@code done}, read the result. Every request carries HTTP Basic for the test's configured user, so
 * the same calls work with and without Spring Security in front of the API.
 */
final class MailflowApi {

    static final String USER = "tester";

    /** A fresh password per JVM: the test configures the app with it, nothing else knows it. */
    static final String PASSWORD = java.util.UUID.randomUUID().toString();

    /** Configures the single default user as {@link #USER}, an ADMIN (it sees every run). */
    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.security.user.name", () -> USER);
        registry.add("spring.security.user.password", () -> PASSWORD);
        registry.add("spring.security.user.roles", () -> "ADMIN");
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    MailflowApi(int port) {
        this.port = port;
    }

    /** Starts a probe, waits for its final {@code done} event and returns the JSON result. */
    JsonNode probe(String requestJson) throws IOException, InterruptedException {
        var id = start(requestJson);
        awaitDone("/api/probes/" + id + "/events");
        return json.readTree(get("/api/probes/" + id));
    }

    /** Starts a probe and returns its id at once. */
    String start(String requestJson) throws IOException, InterruptedException {
        var started = http.send(
                request("/api/probes")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(requestJson))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new AssertionError("POST /api/probes: " + started.statusCode() + " " + started.body());
        }
        return json.readTree(started.body()).get("id").asString();
    }

    /** POSTs an empty body and returns the answer's body; anything but {@code expected} fails. */
    String post(String path, int expected) throws IOException, InterruptedException {
        var answer = http.send(
                request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new AssertionError("POST " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    String get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private void awaitDone(String path) throws IOException, InterruptedException {
        var sse = request(path)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(90))
                .build();
        try (var lines = http.send(sse, HttpResponse.BodyHandlers.ofLines()).body()) {
            if (lines.noneMatch(
                    l -> l.startsWith("event:") && l.substring(6).strip().equals("done"))) {
                throw new AssertionError(path + " ended without a done event");
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        var credentials = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", "Basic " + credentials);
    }
}
