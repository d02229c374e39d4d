package dev.mailflow.probe;

import java.time.Instant;

/**
 * One vantage's part of a run, as stored: asked, claimed by a worker of that vantage (which runs it
 * as a run of its own, {@code partRun}), and settled with its result.
 *
 * @param request what the part runs: the run's request without its vantages
 * @param partRun the id of the run the worker started for it; null until claimed
 * @param egress the address the part's sessions connected from, once settled
 * @param outcome null until settled
 * @param verdict the part run's verdict, or why the part has none (the note of a failure)
 */
public record VantagePart(
        String runId,
        String vantage,
        Status status,
        ProbeRequest request,
        String owner,
        Instant createdAt,
        Instant claimedAt,
        String instance,
        String partRun,
        String egress,
        RunOutcome outcome,
        String verdict) {

    /** Where a part stands: waiting for a worker, claimed by one, or settled as its run ended. */
    public enum Status {
        PENDING,
        CLAIMED,
        COMPLETED,
        FAILED,
        INTERRUPTED;

        public boolean settled() {
            return this != PENDING && this != CLAIMED;
        }

        static Status of(RunStatus ended) {
            return switch (ended) {
                case COMPLETED -> COMPLETED;
                case INTERRUPTED -> INTERRUPTED;
                case FAILED, RUNNING -> FAILED;
            };
        }
    }

    /** This part settled with its result. */
    VantagePart settled(Status settled, String egressFrom, RunOutcome answer, String verdictOrNote) {
        return new VantagePart(
                runId,
                vantage,
                settled,
                request,
                owner,
                createdAt,
                claimedAt,
                instance,
                partRun,
                egressFrom,
                answer,
                verdictOrNote);
    }

    /** The part as the JSON result shows it. */
    public VantageResult result() {
        return new VantageResult(vantage, egress, outcome, verdict);
    }
}
