package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.posture.PostureReport;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run: the request, its MX plan, its sessions, its append-only events and its diagnosis. Every
 * consumer (live page, JSON stream, metrics) reads the same events; readers wait on the run itself,
 * so no listener can be left behind when a browser goes away.
 */
public final class ProbeRun {

    /** Keeps a hostile or endless run from growing without bound; the sessions' own caps come first. */
    static final int MAX_EVENTS = 20_000;

    private final String id;
    private final ValidatedProbe probe;
    private final ProbeRequest request;
    private final String owner;
    private final Instant startedAt;
    private final long startNanos;
    private final RunArchive archive;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Condition ended = lock.newCondition();
    private final List<ProbeEvent> events = new ArrayList<>();
    private final List<SessionRecord> sessions = new ArrayList<>();
    private final Map<String, List<Exchange>> progress = new HashMap<>();
    private RunStatus status = RunStatus.RUNNING;
    private Instant finishedAt;
    private MxPlan plan;
    private Diagnosis diagnosis;
    private final List<PostureEntry> posture = new ArrayList<>();
    private PostureReport postureReport;
    private boolean postureExpected;
    private boolean truncated;

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
            RunArchive archive) {
        this.id = id;
        this.probe = probe;
        this.request = request;
        this.owner = owner;
        // Milliseconds, as stored: a permalink shows the same times before and after a restart.
        this.startedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
        this.startNanos = startNanos;
        this.archive = archive;
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

    /** Everything about the run at this instant, read in one go. */
    public RunSnapshot snapshot() {
        lock.lock();
        try {
            return new RunSnapshot(
                    id,
                    probe,
                    request,
                    owner,
                    startedAt,
                    status,
                    Optional.ofNullable(finishedAt),
                    Optional.ofNullable(plan),
                    sessions,
                    Optional.ofNullable(diagnosis),
                    events,
                    postureExpected,
                    posture,
                    progressCopy());
        } finally {
            lock.unlock();
        }
    }

    public Optional<Instant> finishedAt() {
        lock.lock();
        try {
            return Optional.ofNullable(finishedAt);
        } finally {
            lock.unlock();
        }
    }

    public RunStatus status() {
        lock.lock();
        try {
            return status;
        } finally {
            lock.unlock();
        }
    }

    /** The run's outcome once it is over; empty while it runs. */
    public Optional<RunOutcome> outcome() {
        return snapshot().outcome();
    }

    public boolean isDone() {
        return status() != RunStatus.RUNNING;
    }

    public Optional<MxPlan> plan() {
        lock.lock();
        try {
            return Optional.ofNullable(plan);
        } finally {
            lock.unlock();
        }
    }

    /** The sessions in the order they were started; a running session has no result yet. */
    public List<SessionRecord> sessions() {
        lock.lock();
        try {
            return List.copyOf(sessions);
        } finally {
            lock.unlock();
        }
    }

    private Map<String, List<Exchange>> progressCopy() {
        var copy = new HashMap<String, List<Exchange>>();
        progress.forEach((key, exchanges) -> copy.put(key, List.copyOf(exchanges)));
        return copy;
    }

    void replied(String session, Exchange exchange) {
        lock.lock();
        try {
            progress.computeIfAbsent(session, k -> new ArrayList<>()).add(exchange);
        } finally {
            lock.unlock();
        }
    }

    public Optional<SessionRecord> session(String key) {
        return sessions().stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public Optional<Diagnosis> diagnosis() {
        lock.lock();
        try {
            return Optional.ofNullable(diagnosis);
        } finally {
            lock.unlock();
        }
    }

    /** Whether posture checks were started for this run (not for an explicit host, nor when off). */
    public boolean postureExpected() {
        lock.lock();
        try {
            return postureExpected;
        } finally {
            lock.unlock();
        }
    }

    /** The posture checks finished so far, in the order they finished. */
    public List<PostureEntry> postureEntries() {
        lock.lock();
        try {
            return List.copyOf(posture);
        } finally {
            lock.unlock();
        }
    }

    /** The whole posture with its typed values (for metrics), once every check is over. */
    /** The posture as a copy of this run needs it: whether expected, its entries, whether every check is over. */
    public CopiedPosture copiedPosture() {
        lock.lock();
        try {
            return new CopiedPosture(postureExpected, posture, postureReport != null);
        } finally {
            lock.unlock();
        }
    }

    public Optional<PostureReport> posture() {
        lock.lock();
        try {
            return Optional.ofNullable(postureReport);
        } finally {
            lock.unlock();
        }
    }

    public List<ProbeEvent> events() {
        return eventsAfter(0);
    }

    /** The events with a sequence number above {@code seq}, in order. */
    public List<ProbeEvent> eventsAfter(long seq) {
        lock.lock();
        try {
            return tail(seq);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The events after {@code seq}, waiting up to {@code maxWait} for one to arrive; empty when none
     * came (the caller sends a heartbeat) or the run is over and nothing is left.
     */
    public List<ProbeEvent> awaitEventsAfter(long seq, Duration maxWait) throws InterruptedException {
        long nanos = maxWait.toNanos();
        lock.lock();
        try {
            while (events.size() <= seq && status == RunStatus.RUNNING && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
            return tail(seq);
        } finally {
            lock.unlock();
        }
    }

    long eventCount() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code maxWait} for the run to end, woken once at the end rather than at every
     * event (a caller that only wants the result).
     *
     * @return whether the run is over
     */
    public boolean awaitDone(Duration maxWait) throws InterruptedException {
        long nanos = maxWait.toNanos();
        lock.lock();
        try {
            while (status == RunStatus.RUNNING && nanos > 0) {
                nanos = ended.awaitNanos(nanos);
            }
            return status != RunStatus.RUNNING;
        } finally {
            lock.unlock();
        }
    }

    private List<ProbeEvent> tail(long seq) {
        int from = (int) Math.max(0, Math.min(seq, events.size()));
        return List.copyOf(events.subList(from, events.size()));
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    ProbeEvent append(String session, Phase phase, ProbeEvent.Kind kind, String text) {
        return append(session, phase, kind, text, null);
    }

    ProbeEvent append(String session, Phase phase, ProbeEvent.Kind kind, String text, EventDetail detail) {
        lock.lock();
        try {
            if (status != RunStatus.RUNNING) {
                return null;
            }
            if (events.size() >= MAX_EVENTS - 1 && kind != ProbeEvent.Kind.DONE) {
                if (!truncated) {
                    truncated = true;
                    add(
                            null,
                            null,
                            ProbeEvent.Kind.ERROR,
                            "Too many events; the rest of this run is not recorded.",
                            null);
                }
                return null;
            }
            return add(session, phase, kind, text, detail);
        } finally {
            lock.unlock();
        }
    }

    private ProbeEvent add(String session, Phase phase, ProbeEvent.Kind kind, String text, EventDetail detail) {
        var event = new ProbeEvent(events.size() + 1, elapsedMillis(), session, phase, kind, text, detail);
        events.add(event);
        archive.appended(this, event);
        appended.signalAll();
        return event;
    }

    /**
     * Adds an event as it was recorded elsewhere (a stored run, or one running on another replica);
     * an event that is not the next in sequence is ignored, so a re-read never duplicates.
     */
    void copy(ProbeEvent event) {
        lock.lock();
        try {
            if (event.seq() == events.size() + 1) {
                events.add(event);
                appended.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces what a copied run knows besides its events: plan, sessions, diagnosis and posture
     * (whose report is rebuilt from its entries once every check was over).
     */
    void copyState(MxPlan plan, List<SessionRecord> sessions, Diagnosis diagnosis, CopiedPosture copied) {
        lock.lock();
        try {
            this.plan = plan;
            this.sessions.clear();
            this.sessions.addAll(sessions);
            this.diagnosis = diagnosis;
            this.postureExpected = copied.expected();
            this.posture.clear();
            this.posture.addAll(copied.entries());
            this.postureReport = copied.over()
                    ? new PostureReport(
                            copied.entries().stream().map(PostureEntry::check).toList())
                    : null;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a copied run: its DONE event, if any, was copied already. */
    void copyEnd(RunStatus finalStatus, Instant at) {
        lock.lock();
        try {
            status = finalStatus;
            finishedAt = at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
            appended.signalAll();
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void plan(MxPlan plan) {
        lock.lock();
        try {
            this.plan = plan;
            archive.changed(this);
        } finally {
            lock.unlock();
        }
    }

    void addSession(SessionRecord record) {
        lock.lock();
        try {
            sessions.add(record);
            archive.changed(this);
        } finally {
            lock.unlock();
        }
    }

    void replaceSession(SessionRecord record) {
        lock.lock();
        try {
            sessions.replaceAll(s -> s.key().equals(record.key()) ? record : s);
            progress.remove(record.key());
            archive.changed(this);
        } finally {
            lock.unlock();
        }
    }

    void expectPosture() {
        lock.lock();
        try {
            postureExpected = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a finished check and its POSTURE event under one lock; the event's detail holds the
     * entry's index.
     */
    void addPosture(PostureEntry entry, String text) {
        lock.lock();
        try {
            if (status != RunStatus.RUNNING) {
                return;
            }
            posture.add(entry);
            // Stored before its event, so a reader on another replica finds the entry the event names.
            archive.changed(this);
            var check = entry.check();
            append(
                    null,
                    null,
                    ProbeEvent.Kind.POSTURE,
                    text,
                    new EventDetail.Posture(posture.size() - 1, check.kind(), check.status()));
        } finally {
            lock.unlock();
        }
    }

    void posture(PostureReport report) {
        lock.lock();
        try {
            this.postureReport = report;
            archive.changed(this);
        } finally {
            lock.unlock();
        }
    }

    void diagnosis(Diagnosis diagnosis) {
        lock.lock();
        try {
            this.diagnosis = diagnosis;
            archive.changed(this);
        } finally {
            lock.unlock();
        }
    }

    /** Ends the run: appends DONE as the last event and wakes every reader. */
    void finish(RunStatus finalStatus, Instant at) {
        lock.lock();
        try {
            if (status != RunStatus.RUNNING) {
                return;
            }
            // The stored result first: a replica that sees DONE finds the run's final state.
            archive.finished(this, finalStatus, at);
            add(null, null, ProbeEvent.Kind.DONE, finalStatus.name(), new EventDetail.Done(finalStatus));
            status = finalStatus;
            finishedAt = at.truncatedTo(ChronoUnit.MILLIS);
            appended.signalAll();
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
