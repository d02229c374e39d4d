package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;

/**
 * What a finished run found, as the one value every view, store, filter and metric reads: the
 * diagnosis's verdict, or FAILED when mailflow itself could not finish the run (an error, an
 * interruption). The diagnosis names what a sending server would do; only here does it become a
 * run's outcome.
 */
public enum RunOutcome {
    DELIVERABLE,
    DEFERRED,
    BOUNCE,
    UNKNOWN,
    FAILED;

    /** The outcome of a run that ended with {@code status} (null diagnosis: none was made). */
    public static RunOutcome of(RunStatus status, Diagnosis diagnosis) {
        if (status != RunStatus.COMPLETED) {
            return FAILED;
        }
        return diagnosis == null ? UNKNOWN : of(diagnosis);
    }

    /** The outcome a diagnosis gives a run that completed. */
    public static RunOutcome of(Diagnosis diagnosis) {
        return switch (diagnosis.outcome()) {
            case DELIVERABLE -> DELIVERABLE;
            case DEFERRED -> DEFERRED;
            case BOUNCE -> BOUNCE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The verdicts a diagnosis can give, without FAILED (the exporter's outcome series). */
    public static java.util.List<RunOutcome> verdicts() {
        return java.util.List.of(DELIVERABLE, DEFERRED, BOUNCE, UNKNOWN);
    }
}
