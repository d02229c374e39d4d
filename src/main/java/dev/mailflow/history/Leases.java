package dev.mailflow.history;

import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each instance holds a lease on the runs it executes and renews it while it lives. A run whose
 * lease ran out was cut off (a crash, a killed pod): it becomes INTERRUPTED with a note saying when
 * and on which instance, and gets its DONE event, so no page waits for it forever.
 */
final class Leases {

    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Wakeups wakeups;
    private final HistoryProperties properties;
    private final Clock clock;

    Leases(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Wakeups wakeups,
            HistoryProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.wakeups = wakeups;
        this.properties = properties;
        this.clock = clock;
    }

    void renew() {
        jdbc.sql("update runs set lease_until = ? where instance = ? and status = 'RUNNING'")
                .params(RunRows.time(clock.instant().plus(properties.lease())), properties.instanceName())
                .update();
    }

    /**
     * At start: runs this instance held in its previous life (same name, so the same pod or host)
     * cannot still be running, whatever their lease says.
     */
    int closeOwn() {
        var ids = jdbc.sql("select id from runs where instance = ? and status = 'RUNNING'")
                .param(properties.instanceName())
                .query(String.class)
                .list();
        return close(ids, "restarted");
    }

    int closeExpired() {
        var ids = jdbc.sql("select id from runs where status = 'RUNNING' and lease_until < ?")
                .param(RunRows.time(clock.instant()))
                .query(String.class)
                .list();
        return close(ids, "stopped renewing its lease");
    }

    private int close(List<String> ids, String why) {
        int closed = 0;
        for (var id : ids) {
            try {
                closed += interrupt(id, why) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("history: run {} could not be closed", id, e);
            }
        }
        return closed;
    }

    /** Only the instance whose update wins adds the events, so two sweeping replicas close a run once. */
    private boolean interrupt(String id, String why) {
        var now = clock.instant();
        var done = transaction.execute(status -> {
            var holder = jdbc.sql("select instance from runs where id = ? and status = 'RUNNING' for update")
                    .param(id)
                    .query(String.class)
                    .optional();
            if (holder.isEmpty()) {
                return null;
            }
            var note = "Interrupted: instance " + holder.get() + " " + why + "; closed at " + now + " by "
                    + properties.instanceName() + ".";
            var updated = jdbc.sql("""
                            update runs set status = ?, outcome = ?, finished_at = ?, note = ?, lease_until = null
                            where id = ? and status = 'RUNNING'""")
                    .params(
                            RunStatus.INTERRUPTED.name(),
                            RunOutcome.of(RunStatus.INTERRUPTED, null).name(),
                            RunRows.time(now),
                            note,
                            id)
                    .update();
            if (updated == 0) {
                return null;
            }
            long last = jdbc.sql("select coalesce(max(seq), 0) from run_events where run_id = ?")
                    .param(id)
                    .query(Long.class)
                    .single();
            long at = now.toEpochMilli() - startedAt(id).toEpochMilli();
            insert(id, last + 1, at, ProbeEvent.Kind.ERROR, note, null);
            insert(
                    id,
                    last + 2,
                    at,
                    ProbeEvent.Kind.DONE,
                    RunStatus.INTERRUPTED.name(),
                    new EventDetail.Done(RunStatus.INTERRUPTED));
            return last + 2;
        });
        if (done == null) {
            return false;
        }
        log.info("history: run {} closed as INTERRUPTED ({})", id, why);
        wakeups.appended(id, done);
        return true;
    }

    private Instant startedAt(String id) {
        return jdbc.sql("select started_at from runs where id = ?")
                .param(id)
                .query((rs, n) -> RunRows.instant(rs, "started_at"))
                .single();
    }

    private void insert(String id, long seq, long at, ProbeEvent.Kind kind, String text, EventDetail detail) {
        jdbc.sql("insert into run_events (run_id, seq, at_ms, kind, text, detail) values (?, ?, ?, ?, ?, ?)")
                .params(id, seq, at, kind.name(), text, RunRows.detail(detail))
                .update();
    }
}
