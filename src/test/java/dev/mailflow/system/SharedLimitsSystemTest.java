package dev.mailflow.system;

import static dev.mailflow.testing.smtp.Action.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.probe.RateWindows;
import dev.mailflow.testing.MailflowInstance;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.postgres.PostgresServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one real PostgreSQL share the rate limits: the windows are rows both lock, so a
 * user alternating between them gets the limit once, not once per replica.
 */
@Tag("system")
class SharedLimitsSystemTest {

    static final ScriptedSmtpServer SERVER = ScriptedSmtpServer.start(s -> s.on("RCPT", reply("250 2.1.5 Ok")));

    static PostgresServer postgres;
    static MailflowInstance a;
    static MailflowInstance b;

    @BeforeAll
    static void start() throws Exception {
        SystemTier.requires(PostgresServer.available(), "PostgreSQL installed and running as root");
        postgres = PostgresServer.start();
        a = MailflowInstance.start(SERVER.address().getPort(), settings("pod-a"));
        b = MailflowInstance.start(SERVER.address().getPort(), settings("pod-b"));
    }

    static Map<String, String> settings(String instance) {
        var settings = postgres.replicaSettings(instance);
        settings.put("mailflow.limits.runs-per-user", "10");
        settings.put("mailflow.posture.enabled", "false");
        settings.put("mailflow.security.sign-in.failures-per-user", "3");
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
        SERVER.close();
    }

    @Test
    void twelveRunsAlternatingBetweenTwoReplicasWithTenPerUserAdmitExactlyTen() throws Exception {
        var request = """
                {"domain": "limits.test", "host": "127.0.0.1", "tls": "NONE", "rcptTo": ["kate@limits.test"]}""";
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 12; i++) {
            var replica = i % 2 == 0 ? a : b;
            var answer = replica.client().post("/api/probes", request);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(answer.body()).contains("You have started 10 probes in the last 10 minutes");
            }
        }
        assertThat(statuses.subList(0, 10)).containsOnly(202);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
    }

    @Test
    void concurrentAdmissionsOnBothReplicasAdmitExactlyTheLimit() throws Exception {
        var limit = List.of(new RateWindows.Limit("test:concurrent", 25, Duration.ofMinutes(10)));
        var onA = a.bean(RateWindows.class);
        var onB = b.bean(RateWindows.class);
        var admitted = new AtomicInteger();
        var go = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 120; i++) {
                var windows = i % 2 == 0 ? onA : onB;
                threads.submit(() -> {
                    go.await();
                    if (windows.admit(limit).isEmpty()) {
                        admitted.incrementAndGet();
                    }
                    return null;
                });
            }
            go.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(admitted).hasValue(25);
        assertThat(onB.check(limit)).isPresent();
    }

    @Test
    void failedSignInsOnOneReplicaThrottleTheUserOnTheOther() throws Exception {
        // Another name than the runs' user, so the order of the tests does not matter.
        var wrong = basic("Mallory", "wrong");
        for (int i = 0; i < 3; i++) {
            assertThat(get(a.port(), wrong).statusCode()).isEqualTo(401);
        }
        assertThat(get(b.port(), TestUser.AUTHORIZATION).statusCode()).isEqualTo(200);
        var onB = get(b.port(), basic("mallory", "another guess"));
        assertThat(onB.statusCode()).isEqualTo(429);
        assertThat(onB.headers().firstValue("Retry-After")).isPresent();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(int port, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/probes"))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
