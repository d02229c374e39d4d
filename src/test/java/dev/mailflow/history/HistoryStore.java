package dev.mailflow.history;

import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunArchive;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One instance's history parts on a database, wired as {@link HistoryConfiguration} wires them but
 * with a clock the test moves. Two of these on one database are two replicas; a new one on the same
 * database after dropping the old is a restart.
 */
final class HistoryStore {

    static final Duration LEASE = Duration.ofSeconds(30);

    final MovableClock clock;
    final JdbcClient jdbc;
    final RunCopies copies;
    final RunJournal journal;
    /** The journal, each write awaited: a test reads what it just wrote. */
    final RunArchive archive;

    final Leases leases;
    final Retention retention;
    final RunHistory history;

    HistoryStore(DataSource dataSource, String instance, MovableClock clock, Wakeups wakeups) {
        this.clock = clock;
        this.jdbc = JdbcClient.create(dataSource);
        this.copies = new RunCopies(jdbc);
        var properties = properties(instance);
        var wake = wakeups == null ? Wakeups.local(copies) : wakeups;
        this.journal = new RunJournal(jdbc, wake, copies, properties, "test-knowledge", clock);
        this.archive = new RunArchive() {
            @Override
            public void started(ProbeRun run) {
                journal.started(run);
                flush();
            }

            @Override
            public void appended(ProbeRun run, ProbeEvent event) {
                journal.appended(run, event);
                flush();
            }

            @Override
            public void changed(ProbeRun run) {
                journal.changed(run);
                flush();
            }

            @Override
            public void finished(ProbeRun run, RunStatus status, Instant at) {
                journal.finished(run, status, at);
                flush();
            }
        };
        this.leases = new Leases(
                jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), wake, properties, clock);
        this.retention = new Retention(jdbc, properties, clock);
        this.history = new RunHistory(jdbc, journal);
    }

    HistoryStore(DataSource dataSource, String instance, MovableClock clock) {
        this(dataSource, instance, clock, null);
    }

    void flush() {
        try {
            if (!journal.awaitWritten(Duration.ofSeconds(30))) {
                throw new AssertionError("history writes still pending after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static HistoryProperties properties(String instance) {
        return new HistoryProperties(
                Path.of("unused"), Duration.ofDays(90), Duration.ofHours(1), LEASE, Duration.ofSeconds(2), instance);
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    long eventRows() {
        return jdbc.sql("select count(*) from run_events").query(Long.class).single();
    }
}
