package dev.mailflow.history;

import dev.mailflow.probe.RunArchive;
import dev.mailflow.probe.WindowStore;
import java.time.Clock;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the history on whatever DataSource Spring Boot made: the embedded H2 file database by
 * default, PostgreSQL when {@code spring.datasource.url} says so (then with LISTEN/NOTIFY wake-ups
 * across replicas).
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    @Bean
    RunCopies runCopies(JdbcClient jdbc) {
        return new RunCopies(jdbc);
    }

    @Bean
    Wakeups historyWakeups(JdbcClient jdbc, RunCopies copies, DataSourceProperties datasource) {
        return postgres(datasource) ? new PgNotifications(jdbc, copies, datasource) : Wakeups.local(copies);
    }

    /** Whether the history is on PostgreSQL (replicas may share it), not the embedded database. */
    private static boolean postgres(DataSourceProperties datasource) {
        return datasource.getUrl() != null && datasource.getUrl().startsWith("jdbc:postgresql:");
    }

    /**
     * The rate limits' windows: rows shared by the replicas on PostgreSQL; in memory on the embedded
     * database, which has one instance only.
     */
    @Bean
    WindowStore rateWindowStore(
            JdbcClient jdbc, PlatformTransactionManager transactions, DataSourceProperties datasource, Clock clock) {
        if (postgres(datasource)) {
            return new SharedWindows(jdbc, new TransactionTemplate(transactions), clock);
        }
        return WindowStore.inMemory(clock);
    }

    @Bean
    RunJournal runArchive(
            JdbcClient jdbc, Wakeups wakeups, RunCopies copies, HistoryProperties properties, Clock clock) {
        return new RunJournal(jdbc, wakeups, copies, properties, KnowledgeVersion.current(), clock);
    }

    @Bean
    Housekeeping historyHousekeeping(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Wakeups wakeups,
            RunCopies copies,
            HistoryProperties properties,
            Clock clock) {
        var leases = new Leases(jdbc, new TransactionTemplate(transactions), wakeups, properties, clock);
        return new Housekeeping(
                leases,
                new Retention(jdbc, properties, clock),
                copies,
                wakeups instanceof PgNotifications pg ? pg : null,
                properties);
    }

    @Bean
    PartClaims vantageParts(JdbcClient jdbc, PlatformTransactionManager transactions, HistoryProperties properties) {
        return new PartClaims(jdbc, new TransactionTemplate(transactions), properties.instanceName());
    }

    @Bean
    InboxRows inboxRows(JdbcClient jdbc) {
        return new InboxRows(jdbc);
    }

    @Bean
    RunHistory runHistory(JdbcClient jdbc, RunArchive archive) {
        return new RunHistory(jdbc, archive);
    }
}
