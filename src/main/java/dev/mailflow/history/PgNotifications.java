package dev.mailflow.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cross-replica wake-ups over PostgreSQL LISTEN/NOTIFY. A writer notifies {@code runId:seq} on
 * the channel; every replica listens on its own dedicated connection (a pooled one could be handed
 * to someone else, or reset, and its LISTEN lost) and re-reads the runs it follows.
 *
 * <p>The wait for notifications has a finite timeout: a wait without one never returns after a
 * network drop. After any failure the listener reconnects, LISTENs again and re-reads every followed
 * run, because notifications sent while it was away are not queued for it.
 */
final class PgNotifications implements Wakeups {

    static final String CHANNEL = "mailflow_events";
    static final String APPLICATION_NAME = "mailflow-listen";

    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
    private static final Duration WAIT = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** Empty waits between checks that the connection still answers. */
    private static final int CHECK_EVERY = 10;

    private final JdbcClient jdbc;
    private final RunCopies copies;
    private final String url;
    private final String username;
    private final String password;
    private final AtomicReference<Connection> listening = new AtomicReference<>();
    private volatile Thread listener;

    /** @param datasource where the LISTEN connection goes: the history's own database, outside its pool */
    PgNotifications(JdbcClient jdbc, RunCopies copies, DataSourceProperties datasource) {
        this.jdbc = jdbc;
        this.copies = copies;
        this.url = datasource.getUrl();
        this.username = datasource.getUsername();
        this.password = datasource.getPassword();
    }

    @Override
    public void appended(String runId, long seq) {
        jdbc.sql("select pg_notify(?, ?)")
                .params(CHANNEL, runId + ":" + seq)
                .query((rs, n) -> 1)
                .list();
    }

    void start() {
        listener = Thread.ofPlatform().daemon().name("history-listen").start(this::listen);
    }

    void stop() {
        var thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
        close(listening.getAndSet(null));
    }

    private void listen() {
        while (!Thread.currentThread().isInterrupted()) {
            try (var connection = DriverManager.getConnection(url, connectionProperties())) {
                listening.set(connection);
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Anything notified before this LISTEN is lost: read what the followed runs missed.
                copies.refreshAll();
                receive(connection.unwrap(PGConnection.class), connection);
            } catch (SQLException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                log.warn("history: LISTEN connection lost ({}); reconnecting", e.getMessage());
                if (!sleep(RETRY)) {
                    return;
                }
            } finally {
                listening.set(null);
            }
        }
    }

    /** Named, so an operator sees in {@code pg_stat_activity} which connection is the listener. */
    private Properties connectionProperties() {
        var properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return properties;
    }

    private void receive(PGConnection pg, Connection connection) throws SQLException {
        int empty = 0;
        while (!Thread.currentThread().isInterrupted()) {
            var notifications = pg.getNotifications((int) WAIT.toMillis());
            if (notifications == null || notifications.length == 0) {
                if (++empty >= CHECK_EVERY) {
                    empty = 0;
                    if (!connection.isValid(2)) {
                        throw new SQLException("connection no longer valid");
                    }
                }
                continue;
            }
            for (var notification : notifications) {
                var payload = notification.getParameter();
                var colon = payload.indexOf(':');
                copies.refresh(colon < 0 ? payload : payload.substring(0, colon));
            }
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a broken connection: nothing to do.
            }
        }
    }
}
