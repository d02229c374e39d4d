package dev.mailflow.history;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.probe.RunStatus;
import java.util.Optional;

/** The outcome the history lists and filters on: the verdict's kind, or FAILED when mailflow failed. */
final class RunOutcome {

    static final String FAILED = "FAILED";

    private RunOutcome() {}

    /** Null while running and for a run cut off before its diagnosis. */
    static String of(RunStatus status, Diagnosis diagnosis) {
        if (status == RunStatus.FAILED) {
            return FAILED;
        }
        return diagnosis == null ? null : diagnosis.outcome().name();
    }

    /**
     * A stored run's outcome as pages badge it: empty while it runs; FAILED when it did not complete
     * (interrupted too, which has no outcome stored).
     */
    static Optional<dev.mailflow.probe.RunOutcome> read(RunStatus status, String stored) {
        if (status == RunStatus.RUNNING) {
            return Optional.empty();
        }
        var verdict = stored == null || stored.equals(FAILED) ? null : Diagnosis.Verdict.valueOf(stored);
        return Optional.of(dev.mailflow.probe.RunOutcome.of(status, verdict));
    }
}
