package dev.mailflow.history;

import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunArchive;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes every run into the history tables as it happens: its row when it starts (with this
 * instance's lease), each event as it is appended, its state as it changes, its result at the end.
 * What to write is taken when the run calls (under its lock, so in order); the writing happens
 * {@link InOrder} on a virtual thread per run. A database that fails costs the record, never the
 * run: every write logs and carries on.
 */
final class RunJournal implements RunArchive, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunJournal.class);

    /** Run ids are 32 hex digits; anything else is not looked up. */
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");

    private final JdbcClient jdbc;
    private final Wakeups wakeups;
    private final RunCopies copies;
    private final HistoryProperties properties;
    private final String knowledgeVersion;
    private final Clock clock;
    private final Map<String, InOrder> writers = new ConcurrentHashMap<>();
    private final AtomicInteger unwritten = new AtomicInteger();

    RunJournal(
            JdbcClient jdbc,
            Wakeups wakeups,
            RunCopies copies,
            HistoryProperties properties,
            String knowledgeVersion,
            Clock clock) {
        this.jdbc = jdbc;
        this.wakeups = wakeups;
        this.copies = copies;
        this.properties = properties;
        this.knowledgeVersion = knowledgeVersion;
        this.clock = clock;
    }

    private void write(ProbeRun run, Runnable write) {
        writers.computeIfAbsent(run.id(), id -> new InOrder("history-" + id, unwritten))
                .submit(write);
    }

    @Override
    public void started(ProbeRun run) {
        var leaseUntil = clock.instant().plus(properties.lease());
        var domain = RunRows.domain(run);
        write(run, () -> insert(run, domain, leaseUntil));
    }

    private void insert(ProbeRun run, String domain, Instant leaseUntil) {
        try {
            jdbc.sql("""
                            insert into runs (id, owner, domain, status, started_at, instance, lease_until, probe,
                                request)
                            values (:id, :owner, :domain, 'RUNNING', :started, :instance, :lease, :probe, :request)""")
                    .param("id", run.id())
                    .param("owner", run.owner())
                    .param("domain", domain)
                    .param("started", RunRows.time(run.startedAt()))
                    .param("instance", properties.instanceName())
                    .param("lease", RunRows.time(leaseUntil))
                    .param("probe", RunRows.json(run.probe()))
                    .param("request", RunRows.json(run.request()))
                    .update();
            for (var address : RunRows.recipients(run)) {
                jdbc.sql("insert into run_recipients (run_id, address) values (?, ?)")
                        .params(run.id(), address)
                        .update();
            }
        } catch (RuntimeException e) {
            log.warn("history: run {} not stored", run.id(), e);
        }
    }

    @Override
    public void appended(ProbeRun run, ProbeEvent event) {
        write(run, () -> insert(run, event));
        if (event.kind() == ProbeEvent.Kind.DONE) {
            // DONE is a run's last write: its writer goes once DONE is handed over.
            writers.remove(run.id());
        }
    }

    private void insert(ProbeRun run, ProbeEvent event) {
        try {
            jdbc.sql("""
                            insert into run_events (run_id, seq, at_ms, session, phase, kind, text, detail)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            run.id(),
                            event.seq(),
                            event.at(),
                            event.session(),
                            RunRows.phase(event),
                            event.kind().name(),
                            event.text(),
                            RunRows.detail(event.detail()))
                    .update();
            wakeups.appended(run.id(), event.seq());
        } catch (RuntimeException e) {
            log.warn("history: event {} of run {} not stored", event.seq(), run.id(), e);
        }
    }

    @Override
    public void changed(ProbeRun run) {
        var state = StoredState.of(run);
        write(run, () -> update(run, state));
    }

    private void update(ProbeRun run, StoredState state) {
        try {
            jdbc.sql("update runs set state = ? where id = ?")
                    .params(RunRows.json(state), run.id())
                    .update();
        } catch (RuntimeException e) {
            log.warn("history: state of run {} not stored", run.id(), e);
        }
    }

    @Override
    public void finished(ProbeRun run, RunStatus status, Instant at) {
        var state = StoredState.of(run);
        write(run, () -> finish(run, status, at, state));
    }

    private void finish(ProbeRun run, RunStatus status, Instant at, StoredState state) {
        try {
            var diagnosis = Optional.ofNullable(state.diagnosis());
            jdbc.sql("""
                            update runs set status = :status, finished_at = :finished, outcome = :outcome,
                                verdict = :verdict, state = :state, knowledge_version = :knowledge,
                                lease_until = null
                            where id = :id""")
                    .param("status", status.name())
                    .param("finished", RunRows.time(at))
                    .param(
                            "outcome",
                            RunOutcome.of(status, diagnosis.orElse(null)).name())
                    .param("verdict", diagnosis.map(d -> d.verdict()).orElse(null))
                    .param("state", RunRows.json(state))
                    .param("knowledge", knowledgeVersion)
                    .param("id", run.id())
                    .update();
        } catch (RuntimeException e) {
            log.warn("history: result of run {} not stored", run.id(), e);
        }
    }

    /** How long a stopping instance waits for its last writes (runs ended by the shutdown included). */
    private static final Duration FLUSH = Duration.ofSeconds(10);

    /**
     * At shutdown, after the probe service is gone (it depends on this) and before the database
     * connections close (this depends on them): the last events of the runs are stored.
     */
    @Override
    public void close() throws InterruptedException {
        if (!awaitWritten(FLUSH)) {
            log.warn("history: some writes were still pending at shutdown");
        }
    }

    /**
     * Waits until every write handed over so far is done, at most {@code timeout}.
     *
     * @return whether everything was written in time
     */
    boolean awaitWritten(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unwritten.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public Optional<ProbeRun> find(String id) {
        if (!RUN_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return copies.find(id);
    }
}
