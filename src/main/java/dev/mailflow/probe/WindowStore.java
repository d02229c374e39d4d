package dev.mailflow.probe;

import java.time.Clock;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * Where the sliding windows of {@link RateWindows} live: this instance's memory (one instance, or
 * the embedded database), or rows in PostgreSQL shared by every replica (the history provides that
 * one).
 */
public interface WindowStore {

    /**
     * Runs {@code change} on the windows of {@code keys} (an empty window for a key never seen) while
     * no one else, on this instance or another, reads or changes them for an update; then keeps the
     * windows as {@code change} left them.
     */
    <T> T update(SortedSet<String> keys, Function<Map<String, SlidingWindow>, T> change);

    /** A copy of the windows of {@code keys} as they are now, without holding anyone up. */
    Map<String, SlidingWindow> read(SortedSet<String> keys);

    /** Windows in this instance's memory, under one lock. */
    static WindowStore inMemory(Clock clock) {
        return new MemoryWindows(clock);
    }
}
