package dev.mailflow.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sliding-window limits on starting runs: per user, per destination domain, and DATA runs per user.
 * One lock guards every window, so a run is admitted by all of them or by none, and N concurrent
 * starts against a limit of N admit exactly N.
 */
final class RateLimits {

    /** Beyond this many keys, empty windows are swept so names seen once do not pile up. */
    private static final int SWEEP_ABOVE = 10_000;

    private final LimitProperties limits;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ArrayDeque<Instant>> byUser = new HashMap<>();
    private final Map<String, ArrayDeque<Instant>> byDomain = new HashMap<>();
    private final Map<String, ArrayDeque<Instant>> dataByUser = new HashMap<>();

    RateLimits(LimitProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Counts a run against every window it falls in, or none of them.
     *
     * @throws TooBusyException naming the limit, with the wait until the oldest run leaves its window
     */
    void admit(String user, String domain, boolean data) {
        lock.lock();
        try {
            var now = clock.instant();
            var userRuns = window(byUser, user, limits.window(), now);
            if (userRuns.size() >= limits.runsPerUser()) {
                throw refused(
                        "You have started " + limits.runsPerUser() + " probes in the last " + words(limits.window()),
                        userRuns,
                        limits.window(),
                        now);
            }
            var domainRuns = window(byDomain, domain, limits.window(), now);
            if (domainRuns.size() >= limits.runsPerDomain()) {
                throw refused(
                        domain + " has been probed " + limits.runsPerDomain() + " times in the last "
                                + words(limits.window()),
                        domainRuns,
                        limits.window(),
                        now);
            }
            ArrayDeque<Instant> dataRuns = null;
            if (data) {
                dataRuns = window(dataByUser, user, limits.dataWindow(), now);
                if (dataRuns.size() >= limits.dataRunsPerUser()) {
                    throw refused(
                            "You have sent " + limits.dataRunsPerUser() + " test messages in the last "
                                    + words(limits.dataWindow()),
                            dataRuns,
                            limits.dataWindow(),
                            now);
                }
                dataRuns.addLast(now);
            }
            userRuns.addLast(now);
            domainRuns.addLast(now);
        } finally {
            lock.unlock();
        }
    }

    /** The times of the runs still inside the window ending now, oldest first. */
    private static ArrayDeque<Instant> window(
            Map<String, ArrayDeque<Instant>> windows, String key, Duration length, Instant now) {
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(times -> {
                expire(times, length, now);
                return times.isEmpty();
            });
        }
        var times = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        expire(times, length, now);
        return times;
    }

    private static void expire(ArrayDeque<Instant> times, Duration length, Instant now) {
        var start = now.minus(length);
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
    }

    private static TooBusyException refused(String why, ArrayDeque<Instant> times, Duration length, Instant now) {
        var wait = Duration.between(now, times.peekFirst().plus(length));
        var retryAfter = wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
        return new TooBusyException(why + "; try again in " + words(retryAfter) + ".", retryAfter);
    }

    /** "10 minutes", "1 hour", "42 seconds": for messages a person reads. */
    static String words(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0 || seconds > 600) {
            return plural((seconds + 59) / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
