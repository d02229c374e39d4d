package dev.mailflow.diagnosis;

/** A pure function from a run's facts to its verdict and findings. */
public final class Diagnoser {

    private final Knowledge knowledge;

    public Diagnoser(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    public Diagnosis diagnose(RunFacts facts) {
        throw new UnsupportedOperationException("built in the diagnosis work");
    }
}
