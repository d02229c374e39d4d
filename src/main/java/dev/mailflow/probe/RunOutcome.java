package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Diagnosis.Verdict;

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
        return of(status, diagnosis == null ? null : diagnosis.outcome());
    }

    /**
     * The outcome of a finished run from its status and its verdict's kind (null when it has no
     * diagnosis), as a stored run keeps them.
     */
    public static RunOutcome of(RunStatus status, Verdict verdict) {
        if (status != RunStatus.COMPLETED) {
            return FAILED;
        }
        if (verdict == null) {
            return UNKNOWN;
        }
        return switch (verdict) {
            case DELIVERABLE -> DELIVERABLE;
            case DEFERRED -> DEFERRED;
            case BOUNCE -> BOUNCE;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
