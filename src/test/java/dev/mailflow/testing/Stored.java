package dev.mailflow.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waits for what the history writes behind a run (it writes on its own thread, so a run can be
 * over on the page a few milliseconds before its last row is in the database). Bounded waits.
 */
public final class Stored {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Stored() {}

    /** Until {@code GET /api/probes/{id}} answers 200 on this instance (e.g. a replica). */
    public static void awaitFound(AppClient client, String id) throws Exception {
        await("run " + id + " found")
                .atMost(WAIT)
                .until(() -> client.get("/api/probes/" + id).statusCode() == 200);
    }

    /** Until every run of {@code ids} is in {@code GET /api/probes?query}, ended. */
    public static void awaitListed(AppClient client, String query, String... ids) throws Exception {
        await(List.of(ids) + " listed for " + query).atMost(WAIT).until(() -> listed(client, query, List.of(ids)));
    }

    private static boolean listed(AppClient client, String query, List<String> ids) throws Exception {
        var runs = JSON.readTree(client.get("/api/probes?limit=100&" + query).body())
                .get("runs");
        var ended = new java.util.HashSet<String>();
        runs.forEach(r -> {
            if (!"RUNNING".equals(r.get("status").asString())) {
                ended.add(r.get("id").asString());
            }
        });
        return ended.containsAll(ids);
    }
}
