package dev.mailflow.system;

import static dev.mailflow.testing.smtp.Action.delayed;
import static dev.mailflow.testing.smtp.Action.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.MailflowInstance;
import dev.mailflow.testing.MailflowProcess;
import dev.mailflow.testing.SseReader;
import dev.mailflow.testing.Stored;
import dev.mailflow.testing.postgres.PostgresServer;
import dev.mailflow.testing.smtp.Action;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two mailflow instances on one real PostgreSQL, as two pods behind the chart's Service: A (its
 * own JVM, so it can be killed outright) runs the probes, B (in this JVM) serves them. Polling is
 * set to an hour, so every wake-up B gets comes from LISTEN/NOTIFY and its reconnects.
 */
@Tag("system")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasSystemTest {

    static final Duration STEP = Duration.ofMillis(500);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every reply a step late: a run lasts a few seconds, long enough to be watched live. */
    static final ScriptedSmtpServer SLOW =
            ScriptedSmtpServer.start(s -> s.banner(delayed(STEP, reply("220 slow.test ESMTP")))
                    .on("EHLO", delayed(STEP, reply("250-slow.test", "250 8BITMIME")))
                    .on("MAIL", delayed(STEP, reply("250 2.1.0 Ok")))
                    .on("RCPT", delayed(STEP, reply("550 5.1.1 <kate@replica.test>: User unknown")))
                    .on("QUIT", delayed(STEP, reply("221 2.0.0 Bye"))));

    /** Never answers RCPT: the run is still waiting when its instance dies. */
    static final ScriptedSmtpServer HANGS = ScriptedSmtpServer.start(
            s -> s.on("EHLO", reply("250-hangs.test", "250 8BITMIME")).on("RCPT", Action.silence()));

    static PostgresServer postgres;
    static MailflowProcess a;
    static MailflowInstance b;

    @BeforeAll
    static void start() throws Exception {
        SystemTier.requires(PostgresServer.available(), "PostgreSQL installed and running as root");
        postgres = PostgresServer.start();
        a = MailflowProcess.start(SLOW.address().getPort(), settings("pod-a", HANGS));
        b = MailflowInstance.start(SLOW.address().getPort(), settings("pod-b", HANGS));
    }

    static Map<String, String> settings(String instance, ScriptedSmtpServer other) {
        var settings = postgres.replicaSettings(instance);
        settings.put("mailflow.history.lease", "3s");
        settings.put("mailflow.history.poll", "1h");
        settings.put(
                "mailflow.targets.ports",
                SLOW.address().getPort() + "," + other.address().getPort());
        return settings;
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        SLOW.close();
        HANGS.close();
    }

    static String request(ScriptedSmtpServer server) {
        return """
                {"domain": "replica.test", "rcptTo": ["kate@replica.test"], "host": "127.0.0.1", "port": %d,
                 "tls": "NONE"}""".formatted(server.address().getPort());
    }

    static String start(ScriptedSmtpServer server) throws Exception {
        var started = a.client().post("/api/probes", request(server));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var id = JSON.readTree(started.body()).get("id").asString();
        Stored.awaitFound(b.client(), id);
        return id;
    }

    @Test
    void aRunOnAStreamsLiveFromBInOrderWithDoneAndBServesEverythingAfterwards() throws Exception {
        var id = start(SLOW);
        var json = SseReader.open(b.port(), "/api/probes/" + id + "/events");
        var html = SseReader.open(b.port(), "/probes/" + id + "/stream");
        var whileRunning = JSON.readTree(b.client().get("/api/probes/" + id).body());
        assertThat(whileRunning.get("status").asString()).isEqualTo("RUNNING");

        var fromB = json.awaitEnd(Duration.ofSeconds(60));
        var htmlFromB = html.awaitEnd(Duration.ofSeconds(60));

        assertInOrderEndingWithDone(fromB);
        assertInOrderEndingWithDone(htmlFromB);
        assertThat(htmlFromB).hasSameSizeAs(fromB);
        var replayOnA =
                SseReader.open(a.port(), "/api/probes/" + id + "/events").awaitEnd(Duration.ofSeconds(30));
        assertThat(fromB).isEqualTo(replayOnA);

        var resultOnA = a.client().get("/api/probes/" + id).body();
        var resultOnB = b.client().get("/api/probes/" + id).body();
        assertThat(JSON.readTree(resultOnB)).isEqualTo(JSON.readTree(resultOnA));
        assertThat(JSON.readTree(resultOnB).get("status").asString()).isEqualTo("COMPLETED");
        for (var path : List.of("/probes/%s/transcript.txt", "/probes/%s/escalation.txt")) {
            var onB = b.client().get(path.formatted(id));
            assertThat(onB.statusCode()).as(path).isEqualTo(200);
            assertThat(onB.body()).isEqualTo(a.client().get(path.formatted(id)).body());
        }
        assertThat(b.client().get("/probes/" + id).body()).contains("User unknown");
    }

    @Test
    void whenTheListenConnectionsDropTheStreamOnBResumesWithoutLosingAnEvent() throws Exception {
        var id = start(SLOW);
        var json = SseReader.open(b.port(), "/api/probes/" + id + "/events");
        assertThat(json.awaitAtLeast(3, Duration.ofSeconds(30))).hasSizeGreaterThanOrEqualTo(3);

        assertThat(postgres.terminateListeners()).isGreaterThanOrEqualTo(2);

        var fromB = json.awaitEnd(Duration.ofSeconds(60));
        assertInOrderEndingWithDone(fromB);
        var replayOnA =
                SseReader.open(a.port(), "/api/probes/" + id + "/events").awaitEnd(Duration.ofSeconds(30));
        assertThat(fromB).isEqualTo(replayOnA);
    }

    @Test
    void aRunWhoseInstanceIsKilledBecomesInterruptedOnceItsLeaseRunsOut() throws Exception {
        try (var doomed = MailflowProcess.start(SLOW.address().getPort(), settings("pod-doomed", HANGS))) {
            var started = doomed.client().post("/api/probes", request(HANGS));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            var id = JSON.readTree(started.body()).get("id").asString();
            Stored.awaitFound(b.client(), id);
            var json = SseReader.open(b.port(), "/api/probes/" + id + "/events");
            var seen = json.awaitAtLeast(1, Duration.ofSeconds(30));
            assertThat(seen).isNotEmpty();

            doomed.kill();

            var fromB = json.awaitEnd(Duration.ofSeconds(60));
            assertInOrderEndingWithDone(fromB);
            var note = fromB.get(fromB.size() - 2);
            assertThat(note.name()).isEqualTo("error");
            assertThat(note.data()).contains("pod-doomed", "stopped renewing its lease");
            var result = JSON.readTree(b.client().get("/api/probes/" + id).body());
            assertThat(result.get("status").asString()).isEqualTo("INTERRUPTED");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void anInstanceIsNotReadyWhileTheDatabaseIsUnreachable() throws Exception {
        assertThat(b.client().get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        postgres.close();
        postgres = null;

        assertThat(b.client().get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(b.client().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    /** SSE ids 1, 2, 3... without a gap or a repeat, and {@code done} last. */
    static void assertInOrderEndingWithDone(List<SseReader.Event> events) {
        assertThat(events).isNotEmpty();
        assertThat(events.stream().map(e -> Long.parseLong(e.id())).toList())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.getLast().name()).isEqualTo("done");
    }
}
