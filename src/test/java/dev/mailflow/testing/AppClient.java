package dev.mailflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to a started application on 127.0.0.1, as a script would: signed in as {@link TestUser} with
 * HTTP Basic, or anonymous. Every call is bounded by a timeout.
 */
public final class AppClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;
    private final String authorization;

    private AppClient(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    /** Signed in as {@link TestUser}. */
    public static AppClient signedIn(int port) {
        return new AppClient(port, TestUser.AUTHORIZATION);
    }

    /** Signed in with HTTP Basic as {@code name}. */
    public static AppClient as(int port, String name, String password) {
        var basic = java.util.Base64.getEncoder()
                .encodeToString((name + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new AppClient(port, "Basic " + basic);
    }

    public static AppClient anonymous(int port) {
        return new AppClient(port, null);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String jsonBody) throws IOException, InterruptedException {
        var request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of raw bytes (a message/rfc822 body, an upload). */
    public HttpResponse<String> post(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        var request = request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Reads an SSE stream to its end and returns the event names in order. */
    public List<String> events(String path) throws IOException, InterruptedException {
        var request = request(path).header("Accept", "text/event-stream").build();
        var names = new ArrayList<String>();
        try (var lines = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            lines.filter(l -> l.startsWith("event:"))
                    .forEach(l -> names.add(l.substring(6).strip()));
        }
        return names;
    }

    /** Starts a probe through the API, reads its events to {@code done} and returns its id. */
    public String startAndFinish(String requestJson) throws IOException, InterruptedException {
        var started = post("/api/probes", requestJson);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var id = json.readTree(started.body()).get("id").asString();
        assertThat(events("/api/probes/" + id + "/events")).endsWith("done");
        return id;
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT);
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }
}
