package dev.mailflow.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * The verdict of a run, one line a person can act on, and its findings, most severe first.
 *
 * @param outcome the verdict's kind, for metrics and colour
 */
public record Diagnosis(Verdict outcome, String verdict, List<Finding> findings) {

    public Diagnosis {
        findings = List.copyOf(findings);
    }

    /**
     * Why the mail would not be delivered: the reason of the most severe finding that names one. Empty
     * for a deliverable run and when no finding names a reason (a timeout, a TLS failure).
     */
    public Optional<Reason> reason() {
        if (outcome == Verdict.DELIVERABLE) {
            return Optional.empty();
        }
        return findings.stream()
                .filter(f -> f.severity() == Severity.CRITICAL || f.severity() == Severity.WARNING)
                .map(Finding::reason)
                .filter(r -> r != null)
                .findFirst();
    }

    /** What a real sending server would do with the mail. */
    public enum Verdict {
        DELIVERABLE,
        DEFERRED,
        BOUNCE,
        UNKNOWN
    }
}
