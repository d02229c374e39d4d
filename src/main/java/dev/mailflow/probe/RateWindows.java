package dev.mailflow.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one sliding-window limit of mailflow: runs per user, token and destination, DATA runs, and
 * failed sign-ins all count here, in whichever {@link WindowStore} holds the windows (memory on one
 * instance, PostgreSQL rows shared by replicas).
 */
public final class RateWindows {

    /**
     * One window: at most {@code max} events per {@code length} under {@code key}.
     *
     * @param key names the window; callers prefix it by what they count ({@code user:}, {@code
     *     domain:}...), so two kinds of limit never share a window
     */
    public record Limit(String key, int max, Duration length) {}

    /** A window that is full, and how long until its oldest event leaves it. */
    public record Full(Limit limit, Duration retryAfter) {}

    private final WindowStore store;
    private final Clock clock;

    public RateWindows(WindowStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Counts one event in every window, or in none: when any of them is full, nothing is counted and
     * the first full one (in the order given) is returned. N concurrent admissions against a limit of
     * N admit exactly N, on one instance or across replicas sharing the store.
     */
    public Optional<Full> admit(List<Limit> limits) {
        return store.update(keys(limits), windows -> {
            var now = clock.instant();
            for (var limit : limits) {
                var window = windows.get(limit.key());
                if (window.count(now, limit.length()) >= limit.max()) {
                    return Optional.of(new Full(limit, window.wait(now, limit.length())));
                }
            }
            limits.forEach(limit -> windows.get(limit.key()).add(now, limit.length(), limit.max()));
            return Optional.empty();
        });
    }

    /** Counts one event in every window, full or not (a failure that happened is counted). */
    public void record(List<Limit> limits) {
        store.update(keys(limits), windows -> {
            var now = clock.instant();
            limits.forEach(limit -> windows.get(limit.key()).add(now, limit.length(), limit.max()));
            return null;
        });
    }

    /** The first of the windows that is full now, counting nothing. */
    public Optional<Full> check(List<Limit> limits) {
        var windows = store.read(keys(limits));
        var now = clock.instant();
        for (var limit : limits) {
            var window = windows.get(limit.key());
            if (window.count(now, limit.length()) >= limit.max()) {
                return Optional.of(new Full(limit, window.wait(now, limit.length())));
            }
        }
        return Optional.empty();
    }

    private static TreeSet<String> keys(List<Limit> limits) {
        var keys = new TreeSet<String>();
        limits.forEach(limit -> keys.add(limit.key()));
        return keys;
    }
}
