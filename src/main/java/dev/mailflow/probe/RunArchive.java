package dev.mailflow.probe;

import java.time.Instant;
import java.util.Optional;

/**
 * Where runs outlive this process (the {@code history} package): told of a run as it starts, of
 * each event as it is appended, of each change to its plan, sessions or diagnosis, and of its end;
 * asked for the runs this process does not hold (older ones, or ones running on another replica).
 *
 * <p>The run calls it under its own lock, so events reach it in sequence order. It must not throw:
 * a store that is down costs the record of the run, never the run.
 */
public interface RunArchive {

    /** Keeps nothing: runs live as long as the process. */
    RunArchive NONE = new RunArchive() {};

    default void started(ProbeRun run) {}

    default void appended(ProbeRun run, ProbeEvent event) {}

    /** The plan, a session or the diagnosis changed; called before the event that shows it. */
    default void changed(ProbeRun run) {}

    /** The run ends with {@code status}; called before its DONE event is appended. */
    default void finished(ProbeRun run, RunStatus status, Instant at) {}

    /** A run this process does not hold, as stored (following it when it still runs elsewhere). */
    default Optional<ProbeRun> find(String id) {
        return Optional.empty();
    }
}
