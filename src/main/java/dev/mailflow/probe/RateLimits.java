package dev.mailflow.probe;

import dev.mailflow.dns.HostLiteral;
import dev.mailflow.mail.DomainName;
import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.text.AddressText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sliding-window limits on starting runs: per user, per destination (domain and explicit host), and
 * DATA runs per user.
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

    /** A run against one destination (or none, when null); see {@link #admit(String, Collection, boolean)}. */
    void admit(String user, String destination, boolean data) {
        admit(user, destination == null ? List.of() : List.of(destination), data);
    }

    /**
     * Counts a run against every window it falls in, or none of them.
     *
     * @param destinations the domain and the explicit host the run names: each is counted, under
     *     its normalised name, so neither another spelling nor naming a host instead escapes the limit
     * @throws TooBusyException naming the limit, with the wait until the oldest run leaves its window
     */
    void admit(String user, Collection<String> destinations, boolean data) {
        var keys = new LinkedHashSet<String>();
        destinations.stream()
                .filter(Objects::nonNull)
                .map(RateLimits::normalized)
                .forEach(keys::add);
        lock.lock();
        try {
            var now = clock.instant();
            var userRuns = window(byUser, user, limits.window(), now);
            if (userRuns.size() >= limits.runsPerUser()) {
                throw refused(
                        "You have started " + limits.runsPerUser() + " probes in the last "
                                + RetryAfter.words(limits.window()),
                        userRuns,
                        limits.window(),
                        now);
            }
            var destinationRuns = new ArrayList<ArrayDeque<Instant>>();
            for (var key : keys) {
                var runs = window(byDomain, key, limits.window(), now);
                if (runs.size() >= limits.runsPerDomain()) {
                    throw refused(
                            key + " has been probed " + limits.runsPerDomain() + " times in the last "
                                    + RetryAfter.words(limits.window()),
                            runs,
                            limits.window(),
                            now);
                }
                destinationRuns.add(runs);
            }
            ArrayDeque<Instant> dataRuns = null;
            if (data) {
                dataRuns = window(dataByUser, user, limits.dataWindow(), now);
                if (dataRuns.size() >= limits.dataRunsPerUser()) {
                    throw refused(
                            "You have sent " + limits.dataRunsPerUser() + " test messages in the last "
                                    + RetryAfter.words(limits.dataWindow()),
                            dataRuns,
                            limits.dataWindow(),
                            now);
                }
                dataRuns.addLast(now);
            }
            userRuns.addLast(now);
            destinationRuns.forEach(runs -> runs.addLast(now));
        } finally {
            lock.unlock();
        }
    }

    /**
     * A destination as DNS compares names: A-labels (RFC 5890), lower case, no trailing dot. An IP
     * literal, bare or in brackets ({@code [192.0.2.1]}, {@code [IPv6:::1]}), is its address in the
     * one short form, so {@code ::1}, {@code 0:0::1} and {@code [IPv6:::1]} are one destination.
     */
    static String normalized(String name) {
        var text = name.strip();
        var address = HostLiteral.parse(withoutIpv6Tag(text));
        if (address.isPresent()) {
            return AddressText.of(address.get());
        }
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            return DomainName.parse(text).ascii();
        } catch (InvalidInputException notADomainName) {
            // kept as typed; it was validated before, so it is an IP literal
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /** {@code [IPv6:::1]} as {@code [::1]}: the tag of RFC 5321 §4.1.3 is not part of the address. */
    private static String withoutIpv6Tag(String text) {
        return text.regionMatches(true, 0, "[IPv6:", 0, 6) ? "[" + text.substring(6) : text;
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
        return new TooBusyException(why, retryAfter);
    }
}
