package dev.mailflow.history;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.probe.RunStatus;

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
}
