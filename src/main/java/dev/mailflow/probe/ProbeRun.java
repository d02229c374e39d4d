package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.posture.PostureReport;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One run: what it asked, its append-only {@link RunLog} of events and its {@link RunState},
 * replaced whole through {@link #update}. Every consumer (live page, JSON stream, metrics) reads the
 * same events; readers wait on the run itself, so no listener can be left behind when a browser
 * goes away.
 */
public final class ProbeRun {

    static final int MAX_EVENTS = RunLog.MAX_EVENTS;

    private final String id;
    private final ValidatedProbe probe;
    private final ProbeRequest request;
    private final String owner;
    private final Instant startedAt;
    private final long startNanos;
    private final RunArchive archive;
    private final RunOrigin origin;
    private final RunLog log = new RunLog();
    /** Replaced under the log's lock; read without it (an immutable value). */
    private volatile RunState state = RunState.STARTED;

    /**
     * @param probe the validated probe, without its password: the run's one source of its domain
     * @param request as it was asked, without its password (the JSON result's {@code request})
     */
    ProbeRun(
            String id,
            ValidatedProbe probe,
            ProbeRequest request,
            String owner,
            Instant startedAt,
            long startNanos,
            RunArchive archive,
            RunOrigin origin) {
        this.id = id;
        this.probe = probe;
        this.request = request;
        this.owner = owner;
        // Milliseconds, as stored: a permalink shows the same times before and after a restart.
        this.startedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
        this.startNanos = startNanos;
        this.archive = archive;
        this.origin = origin;
    }

    public String id() {
        return id;
    }

    /** The request as it was asked (without its password), for showing it and asking it again. */
    public ProbeRequest request() {
        return request;
    }

    /** The probe as it was validated (without its password): what the run really asked. */
    public ValidatedProbe probe() {
        return probe;
    }

    /** Asked here, asked from vantages, or a vantage's part of another run. */
    public RunOrigin origin() {
        return origin;
    }

    /** The user who started the run (null when anonymous). */
    public String owner() {
        return owner;
    }

    /**
     * The one domain of the run, as DNS was asked (A-labels): the validated domain, or the explicit
     * host when no domain was given. Every store, filter, limit and view reads this.
     */
    public String domain() {
        return probe.target();
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The state now: one immutable value, read without copying anything. */
    public RunState state() {
        return state;
    }

    /** The state and every event so far, read in one go (a run is over exactly when its last event is DONE). */
    public RunSnapshot snapshot() {
        return log.locked(() -> new RunSnapshot(id, probe, request, owner, startedAt, state, log.after(0)));
    }

    public RunStatus status() {
        return state.status();
    }

    public boolean isDone() {
        return state.isDone();
    }

    public Optional<Instant> finishedAt() {
        return state.finishedAt();
    }

    /** The run's outcome once it is over; empty while it runs. */
    public Optional<RunOutcome> outcome() {
        return state.outcome();
    }

    public Optional<MxPlan> plan() {
        return state.plan();
    }

    /** The sessions in the order they were started; a running session has no result yet. */
    public List<SessionFacts> sessions() {
        return state.sessions();
    }

    public Optional<SessionFacts> session(String key) {
        return state.session(key);
    }

    public Optional<Diagnosis> diagnosis() {
        return state.diagnosis();
    }

    /** The whole posture with its typed values (for metrics), once every check is over. */
    public Optional<PostureReport> posture() {
        return state.posture().report();
    }

    public List<ProbeEvent> events() {
        return log.after(0);
    }

    /** The events with a sequence number above {@code seq}, in order. */
    public List<ProbeEvent> eventsAfter(long seq) {
        return log.after(seq);
    }

    /** The first event that matches, found without copying the events (a live view's look back). */
    public Optional<ProbeEvent> firstEvent(Predicate<ProbeEvent> matches) {
        return log.first(matches);
    }

    /**
     * The events after {@code seq}, waiting up to {@code maxWait} for one to arrive; empty when none
     * came (the caller sends a heartbeat) or the run is over and nothing is left.
     */
    public List<ProbeEvent> awaitEventsAfter(long seq, Duration maxWait) throws InterruptedException {
        return log.awaitAfter(seq, maxWait);
    }

    /**
     * Waits up to {@code maxWait} for the run to end, woken once at the end rather than at every
     * event (a caller that only wants the result).
     *
     * @return whether the run is over
     */
    public boolean awaitDone(Duration maxWait) throws InterruptedException {
        return log.awaitClosed(maxWait);
    }

    long eventCount() {
        return log.size();
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    ProbeEvent append(String session, Phase phase, ProbeEvent.Kind kind, String text) {
        return append(session, phase, kind, text, null);
    }

    ProbeEvent append(String session, Phase phase, ProbeEvent.Kind kind, String text, EventDetail detail) {
        return log.locked(() -> {
            var event = log.append(elapsedMillis(), session, phase, kind, text, detail);
            if (event != null) {
                archive.appended(this, event);
            }
            return event;
        });
    }

    /** The one way the state changes, while the run runs: the archive stores each new state in order. */
    void update(UnaryOperator<RunState> change) {
        log.locked(() -> {
            if (!state.isDone()) {
                state = change.apply(state);
                archive.changed(this);
            }
        });
    }

    void replied(String session, Exchange exchange) {
        // Progress is for live views only; the archive keeps the session's result when it is over.
        log.locked(() -> state = state.withReply(session, exchange));
    }

    /**
     * Adds a finished check and its POSTURE event under one lock; the event's detail holds the
     * entry's index. The state is stored before the event, so a reader on another replica finds the
     * entry the event names.
     */
    void addPosture(PostureEntry entry, String text) {
        log.locked(() -> {
            if (state.isDone()) {
                return;
            }
            update(s -> s.withPostureEntry(entry));
            var check = entry.check();
            append(
                    null,
                    null,
                    ProbeEvent.Kind.POSTURE,
                    text,
                    new EventDetail.Posture(state.posture().entries().size() - 1, check.kind(), check.status()));
        });
    }

    /** Ends the run: appends DONE as the last event and wakes every reader. */
    void finish(RunStatus finalStatus, Instant at) {
        log.locked(() -> {
            if (state.isDone()) {
                return;
            }
            // The stored result first: a replica that sees DONE finds the run's final state.
            archive.finished(this, finalStatus, at);
            append(null, null, ProbeEvent.Kind.DONE, finalStatus.name(), new EventDetail.Done(finalStatus));
            end(finalStatus, at);
        });
    }

    /** The end of a run, live or copied: no more events, every reader woken. */
    void end(RunStatus finalStatus, Instant at) {
        log.locked(() -> {
            state = state.ended(finalStatus, at == null ? null : at.truncatedTo(ChronoUnit.MILLIS));
            log.close();
        });
    }

    /** A copy's events and state come from the store (see {@link RunCopy}), not from an engine. */
    RunLog log() {
        return log;
    }

    void copyState(UnaryOperator<RunState> change) {
        log.locked(() -> state = change.apply(state));
    }
}
