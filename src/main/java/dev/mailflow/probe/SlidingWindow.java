package dev.mailflow.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The times of the events one key counted, oldest first: the state of one sliding window, kept in
 * memory or in a database row by a {@link WindowStore}. What counts and what is refused is decided by
 * {@link RateWindows} alone, whichever store holds the times.
 */
public final class SlidingWindow {

    private final ArrayDeque<Instant> times;
    private Instant until;

    /**
     * @param times oldest first
     * @param until when the newest time leaves the window (the window is empty from then on and may
     *     be forgotten); null for a window that never counted anything
     */
    public SlidingWindow(List<Instant> times, Instant until) {
        this.times = new ArrayDeque<>(times);
        this.until = until;
    }

    public static SlidingWindow empty() {
        return new SlidingWindow(List.of(), null);
    }

    /** Oldest first. */
    public List<Instant> times() {
        return List.copyOf(times);
    }

    public Instant until() {
        return until;
    }

    /** Whether nothing it holds is still inside its window at {@code now}. */
    public boolean idle(Instant now) {
        return until == null || !until.isAfter(now);
    }

    /** Drops the times that left the window ending {@code now}; returns how many are left. */
    int count(Instant now, Duration length) {
        var start = now.minus(length);
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
        return times.size();
    }

    /** How long until the oldest time leaves the window; at least a second, as Retry-After counts. */
    Duration wait(Instant now, Duration length) {
        var wait = times.isEmpty()
                ? Duration.ZERO
                : Duration.between(now, times.peekFirst().plus(length));
        return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
    }

    /**
     * Counts {@code now}. Only the newest {@code keep} times can decide a refusal against a limit of
     * {@code keep}, so older ones are dropped and a window never holds more than its limit.
     */
    void add(Instant now, Duration length, int keep) {
        times.addLast(now);
        while (times.size() > keep) {
            times.removeFirst();
        }
        var end = now.plus(length);
        if (until == null || end.isAfter(until)) {
            until = end;
        }
    }
}
