package dev.mailflow.history;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deletes runs started longer ago than {@code mailflow.history.retention}; their events go with them. */
record Retention(JdbcClient jdbc, HistoryProperties properties, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    int purge() {
        var cutoff = clock.instant().minus(properties.retention());
        // Events and recipients first: no reliance on cascades for the bulk of the rows.
        jdbc.sql("delete from run_events where run_id in (select id from runs where started_at < ?)")
                .param(RunRows.time(cutoff))
                .update();
        jdbc.sql("delete from run_recipients where run_id in (select id from runs where started_at < ?)")
                .param(RunRows.time(cutoff))
                .update();
        // A run's parts go with it (the parts' own runs are older than the cutoff's, as they started later only by
        // seconds).
        jdbc.sql("delete from vantage_parts where created_at < ?")
                .param(RunRows.time(cutoff))
                .update();
        int runs = jdbc.sql("delete from runs where started_at < ?")
                .param(RunRows.time(cutoff))
                .update();
        if (runs > 0) {
            log.info("history: purged {} runs started before {}", runs, cutoff);
        }
        return runs;
    }
}
