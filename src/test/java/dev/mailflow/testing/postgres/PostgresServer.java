package dev.mailflow.testing.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL (Debian's package) for the system tier: a cluster made with {@code initdb} in a
 * temporary directory, run as the {@code postgres} user on a random loopback port, with one
 * database {@code mailflow}. Trust authentication on loopback only; fsync off (a test database).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "mailflow";
    public static final String USER = "postgres";

    private final Path dir;
    private final Path bin;
    private final int port;
    private final Process process;

    private PostgresServer(Path dir, Path bin, int port, Process process) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.process = process;
    }

    /** True when PostgreSQL is installed and we may switch to its user (root); system tests skip otherwise. */
    public static boolean available() {
        return bin() != null && "root".equals(System.getProperty("user.name"));
    }

    private static Path bin() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    public static PostgresServer start() throws IOException, InterruptedException, SQLException {
        var bin = bin();
        var dir = Files.createTempDirectory("mailflow-postgres");
        run(List.of("chown", "postgres:postgres", dir.toString()));
        var data = dir.resolve("data");
        run(List.of(
                "su",
                "postgres",
                "-c",
                bin.resolve("initdb") + " -D " + data + " -A trust -U " + USER + " -E UTF8 --no-sync"));
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var process = new ProcessBuilder(
                        "su",
                        "postgres",
                        "-c",
                        "exec " + bin.resolve("postgres") + " -D " + data + " -p " + port + " -k " + dir
                                + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres.log").toFile())
                .start();
        var server = new PostgresServer(dir, bin, port, process);
        server.awaitReady(Duration.ofSeconds(30));
        try (var connection = DriverManager.getConnection(server.url("postgres"), USER, "");
                var statement = connection.createStatement()) {
            statement.execute("create database " + DATABASE);
        }
        return server;
    }

    public String url() {
        return url(DATABASE);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * The settings of one replica on this database: the datasource and its instance name in the
     * leases; a mutable map, to add the test's own.
     */
    public Map<String, String> replicaSettings(String instance) {
        var settings = new HashMap<String, String>();
        settings.put("spring.datasource.url", url());
        settings.put("spring.datasource.username", USER);
        settings.put("spring.datasource.password", "");
        settings.put("mailflow.history.instance", instance);
        return settings;
    }

    public DataSource dataSource() {
        var source = new PGSimpleDataSource();
        source.setURL(url());
        source.setUser(USER);
        return source;
    }

    /**
     * Ends every mailflow LISTEN connection (they name themselves {@code mailflow-listen}), as a
     * network drop or a database failover would.
     */
    public int terminateListeners() throws SQLException {
        try (var connection = dataSource().getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where application_name = 'mailflow-listen'")) {
            int ended = 0;
            while (rows.next()) {
                ended += rows.getBoolean(1) ? 1 : 0;
            }
            return ended;
        }
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("postgres.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server as an outage would (its files stay; {@link #close} cleans up). */
    public void stop() throws IOException, InterruptedException {
        run(List.of(
                "su", "postgres", "-c", bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " stop -m immediate"));
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            run(List.of(
                    "su",
                    "postgres",
                    "-c",
                    bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " stop -m immediate"));
        } catch (IOException e) {
            // Already gone; destroying the process below is enough.
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("postgres exited: " + log());
            }
            try (var connection = DriverManager.getConnection(url("postgres"), USER, "")) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("postgres did not accept connections within " + timeout + ": " + log());
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
