package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.AppClient;
import dev.mailflow.testing.MailflowInstance;
import dev.mailflow.testing.MailflowProcess;
import dev.mailflow.testing.postgres.PostgresServer;
import dev.mailflow.testing.smtp.Action;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks from several places on one real PostgreSQL: a central instance (in this JVM, vantage
 * {@code central}) and two workers, {@code a} bound to 127.0.0.51 (its own JVM, web off) and
 * {@code b} bound to 127.0.0.52 (in this JVM), against a server that refuses 127.0.0.51 as a
 * receiver blocking an address does. A third worker is killed mid-part; a fourth vantage has no
 * worker at all.
 */
@Tag("system")
class VantagesSystemTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration WAIT = Duration.ofSeconds(90);

    /** Refuses mail from 127.0.0.51 as a receiver blocking that address does; every recipient exists. */
    static final ScriptedSmtpServer REFUSES_A = ScriptedSmtpServer.start(s -> s.forClient(
            address(127, 0, 0, 51),
            c -> c.on("MAIL", "550 5.7.1 Service unavailable; client host [127.0.0.51] blocked using zen.test")));

    /** Never answers RCPT: a part still running when its worker dies. */
    static final ScriptedSmtpServer HANGS = ScriptedSmtpServer.start(s -> s.on("RCPT", Action.silence()));

    static PostgresServer postgres;
    static MailflowInstance central;
    static MailflowProcess a;
    static MailflowInstance b;

    @BeforeAll
    static void start() throws Exception {
        SystemTier.requires(PostgresServer.available(), "PostgreSQL installed and running as root");
        postgres = PostgresServer.start();
        central = MailflowInstance.start(REFUSES_A.address().getPort(), settings("central", null));
        a = MailflowProcess.start(REFUSES_A.address().getPort(), withoutWeb(settings("a", "127.0.0.51")));
        b = MailflowInstance.start(REFUSES_A.address().getPort(), settings("b", "127.0.0.52"));
    }

    static Map<String, String> settings(String vantage, String sourceAddress) {
        var settings = new HashMap<String, String>();
        settings.put("spring.datasource.url", postgres.url());
        settings.put("spring.datasource.username", PostgresServer.USER);
        settings.put("spring.datasource.password", "");
        settings.put("mailflow.history.instance", "pod-" + vantage);
        settings.put("mailflow.history.lease", LEASE.toSeconds() + "s");
        settings.put("mailflow.history.poll", "1s");
        settings.put("mailflow.vantage.name", vantage);
        settings.put("mailflow.vantage.claim-timeout", "5s");
        settings.put("mailflow.vantage.heartbeat", "1s");
        settings.put("mailflow.vantage.poll", "200ms");
        settings.put(
                "mailflow.targets.ports",
                REFUSES_A.address().getPort() + "," + HANGS.address().getPort());
        if (sourceAddress != null) {
            settings.put("mailflow.egress.source-address", sourceAddress);
        }
        return settings;
    }

    static Map<String, String> withoutWeb(Map<String, String> settings) {
        settings.put("mailflow.vantage.web", "false");
        return settings;
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable each : new AutoCloseable[] {b, a, central, postgres, REFUSES_A, HANGS}) {
            if (each != null) {
                each.close();
            }
        }
    }

    static String request(ScriptedSmtpServer server, String vantages) {
        return """
                {"rcptTo": ["kate@vantage.test"], "host": "127.0.0.1", "port": %d, "tls": "NONE", "vantages": %s}""".formatted(server.address().getPort(), vantages);
    }

    static JsonNode result(AppClient client, String id) throws Exception {
        return JSON.readTree(client.get("/api/probes/" + id).body());
    }

    static JsonNode vantage(JsonNode result, String name) {
        for (var vantage : result.get("vantages")) {
            if (vantage.get("name").asString().equals(name)) {
                return vantage;
            }
        }
        throw new AssertionError("no vantage " + name + " in " + result.get("vantages"));
    }

    @Test
    void theRegistryListsBothWorkersWithTheirEgressAddresses() throws Exception {
        var registry = until(
                () -> JSON.readTree(central.client().get("/api/vantages").body()),
                r -> r.get("vantages").toString().contains("\"a\"")
                        && r.get("vantages").toString().contains("\"b\""));

        assertThat(registry.get("here").asString()).isEqualTo("central");
        var byName = new HashMap<String, JsonNode>();
        registry.get("vantages").forEach(v -> byName.put(v.get("name").asString(), v));
        assertThat(byName.get("a").get("egress").get("ipv4").asString()).isEqualTo("127.0.0.51");
        assertThat(byName.get("b").get("egress").get("ipv4").asString()).isEqualTo("127.0.0.52");
        assertThat(byName.get("a").get("up").asBoolean()).isTrue();
        assertThat(byName.get("b").get("instance").asString()).isEqualTo("pod-b");
        assertThat(central.client().get("/vantages").body()).contains("127.0.0.51", "127.0.0.52");
    }

    @Test
    void aWorkerWithoutTheWebAnswersOnlyHealthAndMetrics() throws Exception {
        assertThat(a.client().get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(a.client().get("/api/vantages").statusCode()).isEqualTo(404);
        assertThat(a.client().get("/").statusCode()).isEqualTo(404);
        assertThat(a.client().get("/login").statusCode()).isEqualTo(404);
    }

    @Test
    void aRunFromAAndBNamesTheVantageWhoseAddressIsRefused() throws Exception {
        var id = central.client().startAndFinish(request(REFUSES_A, "[\"a\", \"b\"]"));

        var result = result(central.client(), id);
        assertThat(result.get("status").asString()).isEqualTo("COMPLETED");
        var fromA = vantage(result, "a");
        var fromB = vantage(result, "b");
        assertThat(fromA.get("outcome").asString()).isIn("BOUNCE", "UNKNOWN");
        assertThat(fromA.get("egress").asString()).isEqualTo("127.0.0.51");
        assertThat(fromB.get("outcome").asString()).isEqualTo("DELIVERABLE");
        assertThat(fromB.get("egress").asString()).isEqualTo("127.0.0.52");
        assertThat(result.get("verdict").asString())
                .contains("from a only (its address 127.0.0.51)", "accepted from b", "blocks a's address");
        var sessions = result.get("sessions").toString();
        assertThat(sessions).contains("blocked", "client host [127.0.0.51]");
        var events = central.client().get("/api/probes/" + id + "/events").body();
        assertThat(events).contains("\"session\":\"[a] 127.0.0.1/", "\"session\":\"[b] 127.0.0.1/");
        // The same run, whole, from another replica: b serves it from the shared journal.
        assertThat(result(b.client(), id)).isEqualTo(result);
    }

    @Test
    void theExporterProbesFromTheVantageAskedForWithItsLabel() throws Exception {
        var target = "/probe?module=smtp_rcpt&target=127.0.0.1:"
                + REFUSES_A.address().getPort();

        var fromB = central.client().get(target + "&vantage=b").body();
        var fromA = central.client().get(target + "&vantage=a").body();

        assertThat(fromB).contains("probe_success{vantage=\"b\"} 1");
        assertThat(fromA)
                .contains("probe_success{vantage=\"a\"} 0", "mx=\"127.0.0.1\",phase=\"MAIL\",vantage=\"a\"} 550");
    }

    @Test
    void aVantageWithNoWorkerEndsTheRunWithinTheClaimTimeout() throws Exception {
        var id = central.client().startAndFinish(request(REFUSES_A, "[\"nobody\"]"));

        var result = result(central.client(), id);
        assertThat(result.get("status").asString()).isEqualTo("FAILED");
        var nobody = vantage(result, "nobody");
        assertThat(nobody.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(nobody.get("verdict").asString())
                .isEqualTo("no worker of vantage nobody claimed this part within 5 s");
    }

    @Test
    void aWorkerKilledMidPartLeavesItInterruptedOnceItsLeaseRunsOut() throws Exception {
        try (var doomed = MailflowProcess.start(HANGS.address().getPort(), withoutWeb(settings("k", null)))) {
            var started = central.client().post("/api/probes", request(HANGS, "[\"k\"]"));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            var id = JSON.readTree(started.body()).get("id").asString();
            var jdbc = JdbcClient.create(postgres.dataSource());
            var partRun = until(
                    () -> jdbc.sql("select part_run from vantage_parts where run_id = ? and status = 'CLAIMED'")
                            .param(id)
                            .query(String.class)
                            .optional()
                            .orElse(""),
                    claimed -> !claimed.isEmpty());
            // The worker renews the lease of the part's run while it waits for the RCPT reply.
            var lease = until(() -> leaseOf(jdbc, partRun), l -> l != null);
            var renewed = until(() -> leaseOf(jdbc, partRun), l -> l != null && l.isAfter(lease));
            assertThat(renewed).isAfter(lease);
            assertThat(result(central.client(), id).get("status").asString()).isEqualTo("RUNNING");

            doomed.kill();

            var ended = until(
                    () -> result(central.client(), id),
                    r -> !"RUNNING".equals(r.get("status").asString()));
            assertThat(ended.get("status").asString()).isEqualTo("FAILED");
            var k = vantage(ended, "k");
            assertThat(k.get("outcome").asString()).isEqualTo("FAILED");
            assertThat(k.get("verdict").asString()).contains("pod-k", "stopped renewing its lease");
            assertThat(jdbc.sql("select status from vantage_parts where run_id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("INTERRUPTED");
        }
    }

    static OffsetDateTime leaseOf(JdbcClient jdbc, String run) {
        return jdbc.sql("select lease_until from runs where id = ?")
                .param(run)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
                .optional()
                .orElse(null);
    }

    /** Reads {@code what} until {@code done} holds, at most {@link #WAIT}. */
    static <T> T until(Callable<T> what, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var value = what.call();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not there within " + WAIT + ": " + value);
            }
            Thread.sleep(100);
        }
    }

    private static InetAddress address(int... octets) {
        var bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
