package dev.mailflow.diagnosis;

import java.util.List;

/**
 * The verdict of a run, one line a person can act on, and its findings, most severe first.
 *
 * @param outcome the verdict's kind, for metrics and colour
 */
public record Diagnosis(Verdict outcome, String verdict, List<Finding> findings) {

    public Diagnosis {
        findings = List.copyOf(findings);
    }

    /** What a real sending server would do with the mail. */
    public enum Verdict {
        DELIVERABLE,
        DEFERRED,
        BOUNCE,
        UNKNOWN
    }
}
