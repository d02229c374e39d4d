package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;

/**
 * What a finished run found, as one value: the verdict's kind, or FAILED when mailflow itself could
 * not finish the run (an error or an interruption). The JSON result, the pages' badges and the
 * metrics label all use this one vocabulary.
 */
public enum RunOutcome {
    DELIVERABLE,
    DEFERRED,
    BOUNCE,
    UNKNOWN,
    FAILED;

    static RunOutcome of(RunStatus status, Diagnosis diagnosis) {
        if (status != RunStatus.COMPLETED) {
            return FAILED;
        }
        if (diagnosis == null) {
            return UNKNOWN;
        }
        return switch (diagnosis.outcome()) {
            case DELIVERABLE -> DELIVERABLE;
            case DEFERRED -> DEFERRED;
            case BOUNCE -> BOUNCE;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
