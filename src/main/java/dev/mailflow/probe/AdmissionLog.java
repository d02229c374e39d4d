package dev.mailflow.probe;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where the runs the rate limits count are written down: this process's memory, or a database that
 * every replica shares (then a user cannot multiply a limit by the number of replicas).
 */
public interface AdmissionLog {

    /** Runs {@code decision} under one lock that every user of this log respects, across replicas when shared. */
    <T> T locked(Supplier<T> decision);

    /**
     * The times of the runs counted in {@code window} for {@code key} after {@code since}, oldest
     * first; older ones may be forgotten. Called under {@link #locked}.
     */
    List<Instant> since(String window, String key, Instant since);

    /** Counts a run at {@code at}. Called under {@link #locked}. */
    void add(String window, String key, Instant at);
}
