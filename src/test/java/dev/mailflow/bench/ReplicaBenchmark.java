package dev.mailflow.bench;

import static dev.mailflow.testing.smtp.Action.delayed;
import static dev.mailflow.testing.smtp.Action.reply;

import dev.mailflow.testing.MailflowInstance;
import dev.mailflow.testing.SseReader;
import dev.mailflow.testing.Stored;
import dev.mailflow.testing.postgres.PostgresServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost of the history: how late an event reaches a client on another replica, and how many
 * bytes a run takes in the database. Prints figures; asserts nothing (see bench/README.md).
 *
 * <p>Two instances (A runs the probes, B serves the streams) on a PostgreSQL started here. For
 * every server reply, the delay is its arrival on B's JSON stream minus its arrival on A's own
 * stream (the in-process wake-up next to the engine): the price of INSERT, NOTIFY, LISTEN and the
 * re-read. Then the stored size per run on PostgreSQL and on the embedded H2 file database.
 *
 * <p>Arguments: number of runs (default 40). Needs root and Debian's postgresql.
 */
public final class ReplicaBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        var step = Duration.ofMillis(20);
        try (var server = ScriptedSmtpServer.start(s -> s.banner(
                                delayed(Duration.ofMillis(300), reply("220 bench.test ESMTP")))
                        .on("EHLO", delayed(step, reply("250-bench.test", "250-8BITMIME", "250 SIZE 1000000")))
                        .on("MAIL", delayed(step, reply("250 2.1.0 Ok")))
                        .on("RCPT", delayed(step, reply("550 5.1.1 <kate@bench.test>: Recipient address rejected")))
                        .on("QUIT", delayed(step, reply("221 2.0.0 Bye"))));
                var postgres = PostgresServer.start()) {
            int port = server.address().getPort();
            var delays = new ArrayList<Long>();
            long pgBytes;
            try (var a = MailflowInstance.start(port, settings(postgres, "bench-a", runs));
                    var b = MailflowInstance.start(port, settings(postgres, "bench-b", runs))) {
                run(a, port); // warm-up: class loading, first connections
                long before = size(postgres);
                for (int i = 0; i < runs; i++) {
                    var id = run(a, port);
                    Stored.awaitFound(b.client(), id);
                    var onA = SseReader.open(a.port(), "/api/probes/" + id + "/events");
                    var onB = SseReader.open(b.port(), "/api/probes/" + id + "/events");
                    var eventsA = onA.awaitEnd(Duration.ofSeconds(60));
                    var eventsB = onB.awaitEnd(Duration.ofSeconds(60));
                    var arrivedA = onA.arrivals();
                    var arrivedB = onB.arrivals();
                    for (int e = 0; e < Math.min(eventsA.size(), eventsB.size()); e++) {
                        if ("received".equals(eventsA.get(e).name())
                                && eventsA.get(e).equals(eventsB.get(e))) {
                            delays.add(arrivedB.get(e) - arrivedA.get(e));
                        }
                    }
                }
                pgBytes = (size(postgres) - before) / runs;
            }
            long h2Bytes = h2BytesPerRun(port, runs);
            delays.sort(Comparator.naturalOrder());
            System.out.printf(
                    "runs:                          %d (each: 1 session, %d ms between replies)%n",
                    runs, step.toMillis());
            System.out.printf("server replies measured:       %d%n", delays.size());
            System.out.printf(
                    "SSE delay A -> B (ms):         p50 %.1f, p99 %.1f, max %.1f%n",
                    percentile(delays, 0.50), percentile(delays, 0.99), delays.getLast() / 1e6);
            System.out.printf("stored per run, PostgreSQL:    %d bytes (tables and indexes)%n", pgBytes);
            System.out.printf("stored per run, embedded H2:   %d bytes (file growth)%n", h2Bytes);
        }
    }

    private static Map<String, String> settings(PostgresServer postgres, String instance, int runs) {
        var settings = new HashMap<String, String>();
        settings.put("spring.datasource.url", postgres.url());
        settings.put("spring.datasource.username", PostgresServer.USER);
        settings.put("spring.datasource.password", "");
        settings.put("mailflow.history.instance", instance);
        settings.put("mailflow.history.poll", "1h");
        settings.putAll(quiet(runs));
        return settings;
    }

    private static Map<String, String> quiet(int runs) {
        return Map.of(
                "mailflow.limits.runs-per-user",
                String.valueOf(runs * 4 + 10),
                "mailflow.limits.runs-per-domain",
                String.valueOf(runs * 4 + 10),
                "spring.main.banner-mode",
                "off",
                "logging.level.root",
                "WARN");
    }

    /** Starts a probe on {@code app}; its streams are opened while the banner is still on its way. */
    private static String run(MailflowInstance app, int port) throws Exception {
        var started = app.client().post("/api/probes", """
                        {"domain": "bench.test", "rcptTo": ["kate@bench.test"], "host": "127.0.0.1",
                         "port": %d, "tls": "NONE"}""".formatted(port));
        return JSON.readTree(started.body()).get("id").asString();
    }

    private static long size(PostgresServer postgres) throws Exception {
        try (var connection = postgres.dataSource().getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select pg_total_relation_size('runs')"
                        + " + pg_total_relation_size('run_events') + pg_total_relation_size('run_recipients')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long h2BytesPerRun(int port, int runs) throws Exception {
        var dir = Files.createTempDirectory("mailflow-bench-h2");
        try {
            var settings = new HashMap<>(quiet(runs));
            settings.put("mailflow.history.dir", dir.toString());
            long before;
            try (var app = MailflowInstance.start(port, settings)) {
                app.client().startAndFinish(request(port));
                before = directorySize(dir);
                for (int i = 0; i < runs; i++) {
                    app.client().startAndFinish(request(port));
                }
            }
            // Measured after the database is closed: H2 compacts and writes everything out then.
            return (directorySize(dir) - before) / runs;
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String request(int port) {
        return """
                {"domain": "bench.test", "rcptTo": ["kate@bench.test"], "host": "127.0.0.1", "port": %d, "tls": "NONE"}""".formatted(port);
    }

    private static long directorySize(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    private static double percentile(java.util.List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1e6;
    }
}
