package dev.mailflow.history;

import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunCopy;
import dev.mailflow.probe.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs rebuilt from the tables. A finished run is read once per request; a run still running
 * elsewhere (on another replica, or cut off by a crash until its lease runs out) is kept here and
 * followed: every wake-up re-reads its state and the events after the last one copied, until its
 * DONE event arrives.
 */
final class RunCopies {

    private static final Logger log = LoggerFactory.getLogger(RunCopies.class);

    private final JdbcClient jdbc;
    private final Map<String, RunCopy> followed = new ConcurrentHashMap<>();

    RunCopies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProbeRun> find(String id) {
        var live = followed.get(id);
        if (live != null) {
            return Optional.of(live.run());
        }
        var row = row(id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        var stored = row.get();
        var copy = new RunCopy(stored.id(), stored.probe(), stored.request(), stored.owner(), stored.startedAt());
        if (stored.status() != RunStatus.RUNNING) {
            catchUp(copy);
            // Ended even when its DONE event never got stored (the database failed at that moment).
            copy.end(stored.status(), stored.finishedAt());
            return Optional.of(copy.run());
        }
        var followedCopy = followed.computeIfAbsent(id, k -> copy);
        refresh(id);
        return Optional.of(followedCopy.run());
    }

    /** Re-reads a followed run (a no-op for any other): state first, then the events after the last copied. */
    void refresh(String id) {
        var copy = followed.get(id);
        if (copy == null) {
            return;
        }
        try {
            if (catchUp(copy)) {
                followed.remove(id, copy);
            }
        } catch (RuntimeException e) {
            log.warn("history: run {} could not be re-read; the next wake-up tries again", id, e);
        }
    }

    /** After a reconnect (notifications sent meanwhile are lost) and on every poll. */
    void refreshAll() {
        followed.keySet().forEach(this::refresh);
    }

    int followedCount() {
        return followed.size();
    }

    /**
     * Copies the state and the new events; ends the copy once its DONE event is copied (the row's
     * final status and state are written before DONE, so they are read here with it).
     *
     * @return whether the run is over
     */
    private boolean catchUp(RunCopy copy) {
        synchronized (copy) {
            var id = copy.run().id();
            apply(copy, state(id));
            var events = eventsAfter(id, copy.lastSeq());
            var done = events.stream().anyMatch(e -> e.kind() == ProbeEvent.Kind.DONE);
            if (!done) {
                events.forEach(copy::add);
                return false;
            }
            var row = row(id).orElseThrow();
            apply(copy, state(id));
            copy.end(events, row.status(), row.finishedAt());
            return true;
        }
    }

    private static void apply(RunCopy copy, StoredState state) {
        copy.state(state.plan(), state.sessions(), state.diagnosis(), state.posture());
    }

    Optional<StoredRun> row(String id) {
        return jdbc.sql("""
                        select id, owner, domain, probe, request, started_at, status, finished_at
                        from runs where id = ?""").param(id).query((rs, n) -> storedRun(rs)).optional();
    }

    private static StoredRun storedRun(java.sql.ResultSet rs) throws java.sql.SQLException {
        var request = RunRows.request(rs.getString("request"));
        return new StoredRun(
                rs.getString("id"),
                rs.getString("owner"),
                StoredProbe.read(rs.getString("probe"), request, rs.getString("domain")),
                request,
                RunRows.instant(rs, "started_at"),
                RunRows.status(rs.getString("status")),
                RunRows.instant(rs, "finished_at"));
    }

    private StoredState state(String id) {
        return RunRows.state(jdbc.sql("select state from runs where id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .orElse(null));
    }

    private List<ProbeEvent> eventsAfter(String id, long seq) {
        return jdbc.sql("""
                        select seq, at_ms, session, phase, kind, text, detail
                        from run_events where run_id = ? and seq > ? order by seq""").params(id, seq).query(RunRows::event).list();
    }
}
