package dev.mailflow.probe;

/** Told when a run ends, with the finished run (its events complete); e.g. metrics. Must not throw. */
public interface RunObserver {

    void finished(ProbeRun run);
}
