package dev.mailflow.probe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the parts of runs asked from several vantages are kept, claimed and settled, and where the
 * vantages write their heartbeats (the {@code history} package, on the shared database).
 */
public interface VantageParts {

    /** No shared store: no part can be asked, nothing to claim, no registry. */
    VantageParts NONE = new VantageParts() {
        @Override
        public void ask(String runId, List<String> vantages, ProbeRequest request, String owner, Instant at) {
            throw new IllegalStateException("no store for the parts of a run from several vantages");
        }

        @Override
        public Optional<VantagePart> claim(String vantage, String partRun, Instant askedAfter, Instant at) {
            return Optional.empty();
        }

        @Override
        public List<VantagePart> parts(String runId) {
            return List.of();
        }

        @Override
        public boolean settle(
                VantagePart part, VantagePart.Status status, String egress, RunOutcome outcome, String verdict) {
            return false;
        }

        @Override
        public void heartbeat(Vantage vantage) {}

        @Override
        public List<Vantage> vantages() {
            return List.of();
        }
    };

    /** Stores one PENDING part per vantage of run {@code runId}. */
    void ask(String runId, List<String> vantages, ProbeRequest request, String owner, Instant at);

    /**
     * Claims the oldest PENDING part of {@code vantage} that no other worker is claiming ({@code SELECT
     * ... FOR UPDATE SKIP LOCKED}) and marks it CLAIMED by this instance, to be run as {@code partRun}.
     * A part asked before {@code askedAfter} is left alone: its run gave up on it (or died) already.
     */
    Optional<VantagePart> claim(String vantage, String partRun, Instant askedAfter, Instant at);

    /** The parts of run {@code runId}, in the order asked (empty for a run from one place). */
    List<VantagePart> parts(String runId);

    /**
     * Settles {@code part} if it still has the status it was read with: a claim and a timeout, or two
     * instances closing the same part, cannot both win.
     *
     * @param verdict the part run's verdict, or why the part has none
     * @return false when the part changed meanwhile
     */
    boolean settle(VantagePart part, VantagePart.Status status, String egress, RunOutcome outcome, String verdict);

    /** Writes this vantage's heartbeat and egress facts (its {@code instance}: this one). */
    void heartbeat(Vantage vantage);

    /** Every vantage that ever wrote a heartbeat, by name. */
    List<Vantage> vantages();
}
