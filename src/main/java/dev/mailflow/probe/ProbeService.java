package dev.mailflow.probe;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final RunStore store;
    private final AtomicInteger admitted = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    ProbeService(
            ProbeValidation validation,
            RunExecution execution,
            SessionSlots slots,
            ProbeProperties limits,
            List<RunObserver> observers,
            Clock clock) {
        this.validation = validation;
        this.execution = execution;
        this.slots = slots;
        this.limits = limits;
        this.observers = List.copyOf(observers);
        this.clock = clock;
        this.store = new RunStore(limits.recentRuns());
    }

    /**
     * Validates the request and starts the run in the background on a virtual thread.
     *
     * @param owner the user starting it (null when anonymous)
     * @throws InvalidProbeException when a field is invalid (nothing is contacted)
     * @throws TooBusyException when {@code mailflow.probe.max-runs} runs are already admitted
     */
    public ProbeRun start(ProbeRequest request, String owner) {
        var probe = validation.validate(request);
        if (admitted.incrementAndGet() > limits.maxRuns()) {
            admitted.decrementAndGet();
            throw new TooBusyException(
                    "mailflow is running as many probes as it may (" + limits.maxRuns() + "); try again shortly",
                    limits.retryAfter());
        }
        var run = new ProbeRun(newId(), request.withoutSecrets(), owner, clock.instant(), System.nanoTime());
        store.add(run);
        try {
            Thread.ofVirtual().name("probe-" + run.id()).start(() -> execute(run, probe));
        } catch (RuntimeException e) {
            admitted.decrementAndGet();
            throw e;
        }
        return run;
    }

    private void execute(ProbeRun run, ValidatedProbe probe) {
        try {
            execution.execute(run, probe);
        } finally {
            admitted.decrementAndGet();
            for (var observer : observers) {
                try {
                    observer.finished(run);
                } catch (RuntimeException e) {
                    log.warn("run observer {} failed", observer.getClass().getSimpleName(), e);
                }
            }
        }
    }

    public Optional<ProbeRun> find(String id) {
        return id == null ? Optional.empty() : store.find(id);
    }

    /** The most recent runs, newest first. */
    public List<ProbeRun> recent() {
        return store.newestFirst();
    }

    /** Sessions connected or connecting right now. */
    public int sessionsInFlight() {
        return slots.active();
    }

    /** Sessions waiting for a slot. */
    public int sessionsQueued() {
        return slots.waiting();
    }

    /** 128 random bits: a run id cannot be guessed from another. */
    private String newId() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
