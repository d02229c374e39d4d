package dev.mailflow.probe;

import dev.mailflow.smtp.Phase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts runs, finds them, and reports the pool's load. */
public class ProbeService {

    private static final Logger log = LoggerFactory.getLogger(ProbeService.class);

    private final ProbeValidation validation;
    private final RunExecution execution;
    private final SessionSlots slots;
    private final ProbeProperties limits;
    private final List<RunObserver> observers;
    private final Clock clock;
    private final RateLimits rates;
    private final RunStore store;
    private final RunArchive archive;
    private final Vantages vantages;
    private final VantageRun vantageRun;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Map<ProbeRun, Running> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private final RunIds ids = new RunIds();

    ProbeService(
            ProbeValidation validation,
            RunExecution execution,
            SessionSlots slots,
            ProbeProperties limits,
            RateLimits rates,
            List<RunObserver> observers,
            RunArchive archive,
            Vantages vantages,
            VantageRun vantageRun,
            Clock clock) {
        this.validation = validation;
        this.vantages = vantages;
        this.vantageRun = vantageRun;
        this.rates = rates;
        this.execution = execution;
        this.slots = slots;
        this.limits = limits;
        this.observers = List.copyOf(observers);
        this.clock = clock;
        this.archive = archive;
        this.store = new RunStore(limits.recentRuns());
    }

    /**
     * Validates the request, checks the requester's rights and limits, and starts the run in the
     * background on a virtual thread.
     *
     * @param requester the user starting it, the run's owner
     * @throws InvalidProbeException when a field is invalid, or DATA is asked for without the right
     *     to send (nothing is contacted)
     * @throws TooBusyException when {@code mailflow.probe.max-runs} runs are already admitted, or a
     *     {@code mailflow.limits} window is full
     */
    public ProbeRun start(ProbeRequest request, Requester requester) {
        return start(request, requester, RunOptions.LISTED);
    }

    /** Starts a run like {@link #start(ProbeRequest, Requester)}, as {@code options} say. */
    public ProbeRun start(ProbeRequest request, Requester requester, RunOptions options) {
        return begin(request, requester, options);
    }

    /**
     * Hands a finished unlisted run to the recent runs, the archive (whole, in the order a live run
     * would have been stored) and the observers; the caller decides which runs and calls this once.
     */
    public void publish(ProbeRun run) {
        if (!run.isDone()) {
            throw new IllegalStateException("run " + run.id() + " is not over");
        }
        store.add(run);
        archiveWhole(run);
        notifyObservers(run);
    }

    private void archiveWhole(ProbeRun run) {
        archive.started(run);
        archive.changed(run);
        for (var event : run.events()) {
            if (event.kind() == ProbeEvent.Kind.DONE) {
                archive.finished(run, run.status(), run.finishedAt().orElseGet(clock::instant));
            }
            archive.appended(run, event);
        }
    }

    private ProbeRun begin(ProbeRequest request, Requester requester, RunOptions options) {
        var checked = validation.check(request);
        var probe = checked.probe();
        var asked = vantages.resolve(request.vantages());
        var data = probe.quitAfter() == Phase.DATA;
        if (data && !requester.maySendData()) {
            throw new InvalidProbeException(List.of(new FieldProblem(
                    "quitAfter", "sending a test message (DATA) needs the SENDER role; stop after RCPT instead")));
        }
        admit();
        // A listed run is stored as it happens; an exporter's run only if it is published (see publish).
        var listed = options.listed();
        var run = new ProbeRun(
                newId(),
                probe,
                request.withoutSecrets(),
                requester.name(),
                clock.instant(),
                System.nanoTime(),
                listed ? archive : RunArchive.NONE,
                asked.isEmpty() ? RunOrigin.HERE : RunOrigin.VANTAGES);
        var endNanos = options.budget() == null
                ? Long.MAX_VALUE
                : System.nanoTime() + options.budget().toNanos();
        try {
            // A scrape (unlisted) does not eat the per-destination budget of the people probing by
            // hand: the exporter shares one probe per target and module among scrapes instead.
            rates.admit(
                    requester, listed ? Stream.of(probe.domain(), probe.host()).toList() : List.of(), data);
            if (listed) {
                store.add(run);
                archive.started(run);
            }
            launch(run, listed, () -> {
                if (asked.isEmpty()) {
                    execution.execute(run, checked, endNanos, options.posture());
                } else {
                    vantageRun.execute(run, asked, this::held);
                }
            });
        } catch (RuntimeException e) {
            admitted.decrementAndGet();
            throw e;
        }
        return run;
    }

    /**
     * Starts this vantage's part of a run asked from several, as a listed run of its own with id
     * {@code id}: validated with this instance's settings; the rights and limits were checked where
     * the run was asked ({@code partOf}).
     */
    ProbeRun startPart(ProbeRequest request, String owner, String id, String partOf) {
        var checked = validation.check(request);
        admit();
        var run = new ProbeRun(
                id,
                checked.probe(),
                request.withoutSecrets(),
                owner,
                clock.instant(),
                System.nanoTime(),
                archive,
                RunOrigin.partOf(partOf));
        try {
            store.add(run);
            archive.started(run);
            launch(run, true, () -> execution.execute(run, checked, Long.MAX_VALUE, true));
        } catch (RuntimeException e) {
            admitted.decrementAndGet();
            throw e;
        }
        return run;
    }

    private void admit() {
        if (stopping) {
            throw new TooBusyException("mailflow is shutting down", limits.retryAfter());
        }
        if (admitted.incrementAndGet() > limits.maxRuns()) {
            admitted.decrementAndGet();
            throw new TooBusyException(
                    "mailflow is running as many probes as it may (" + limits.maxRuns() + ")", limits.retryAfter());
        }
    }

    /** Runs {@code work} on the run's own virtual thread; the observers hear of the run's end once. */
    private void launch(ProbeRun run, boolean listed, Runnable work) {
        var thread = Thread.ofVirtual().name("probe-" + run.id()).unstarted(() -> {
            try {
                work.run();
            } finally {
                admitted.decrementAndGet();
                finished(run);
            }
        });
        running.put(run, new Running(thread, listed));
        thread.start();
    }

    /** A run held here or stored (one running on another instance is followed). */
    private Optional<ProbeRun> held(String id) {
        return store.find(id).or(() -> archive.find(id));
    }

    /** What {@link #start} would refuse in this request's fields; empty when it is valid. Starts nothing. */
    public List<FieldProblem> problems(ProbeRequest request) {
        try {
            validation.validate(request);
            return List.of();
        } catch (InvalidProbeException e) {
            return e.problems();
        }
    }

    /**
     * Tells the observers (audit, metrics, history) once per listed run, whoever gets here first: the
     * run's own thread or the shutdown. An unlisted run reaches them only through {@link #publish}.
     */
    private void finished(ProbeRun run) {
        var ended = running.remove(run);
        if (ended != null && ended.listed()) {
            notifyObservers(run);
        }
    }

    private record Running(Thread thread, boolean listed) {}

    private void notifyObservers(ProbeRun run) {
        for (var observer : observers) {
            try {
                observer.finished(run);
            } catch (RuntimeException e) {
                log.warn("run observer {} failed", observer.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * Shutdown: no new runs; every running run is interrupted, so it ends as INTERRUPTED and is
     * audited like any other. A run that has not ended within {@code grace} is ended here.
     */
    void interruptAll(Duration grace) {
        stopping = true;
        var runs = List.copyOf(running.entrySet());
        runs.forEach(entry -> entry.getValue().thread().interrupt());
        long end = System.nanoTime() + grace.toNanos();
        for (var entry : runs) {
            try {
                long left = end - System.nanoTime();
                if (left > 0) {
                    entry.getValue().thread().join(Duration.ofNanos(left));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (var entry : runs) {
            var run = entry.getKey();
            if (!run.isDone()) {
                run.append(null, null, ProbeEvent.Kind.ERROR, "mailflow shut down while the run was going on.");
                run.finish(RunStatus.INTERRUPTED, clock.instant());
            }
            finished(run);
        }
    }

    /**
     * A run by id if {@code viewer} may read it: their own, or any for those who see every run.
     * Another user's run is simply not found, so its existence is not revealed either.
     */
    public Optional<ProbeRun> find(String id, Requester viewer) {
        if (id == null) {
            return Optional.empty();
        }
        return held(id).filter(viewer::mayRead);
    }

    /** The most recent runs {@code viewer} may read, newest first. */
    public List<ProbeRun> recent(Requester viewer) {
        return store.newestFirst().stream().filter(viewer::mayRead).toList();
    }

    /** Sessions connected or connecting right now. */
    public int sessionsInFlight() {
        return slots.active();
    }

    /** Sessions waiting for a slot. */
    public int sessionsQueued() {
        return slots.waiting();
    }

    String newId() {
        return ids.next();
    }
}
