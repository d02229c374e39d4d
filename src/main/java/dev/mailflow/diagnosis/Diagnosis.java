package dev.mailflow.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * The verdict of a run, one line a person can act on, and its findings: the one that decides the
 * verdict first, then the rest, most severe first.
 *
 * @param outcome the verdict's kind, for metrics and colour
 * @param risk what may still happen to mail whose envelope was accepted ({@link Risk#NONE} for
 *     every other outcome)
 * @param risks the ids of the findings that make the risk
 * @param customerMessage one or two sentences in plain words a helpdesk can paste to the customer;
 *     null only in a run stored before they were written
 * @param userAdvice what the user (the person sending) can do, in plain words; null as above
 */
public record Diagnosis(
        Verdict outcome,
        String verdict,
        List<Finding> findings,
        Risk risk,
        List<String> risks,
        String customerMessage,
        String userAdvice) {

    public Diagnosis {
        findings = List.copyOf(findings);
        risk = risk == null ? Risk.NONE : risk;
        risks = risks == null ? List.of() : List.copyOf(risks);
    }

    /** A diagnosis without risk or words for the customer (tests, runs stored before them). */
    public Diagnosis(Verdict outcome, String verdict, List<Finding> findings) {
        this(outcome, verdict, findings, Risk.NONE, List.of(), null, null);
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
