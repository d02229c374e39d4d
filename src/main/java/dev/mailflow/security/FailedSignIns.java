package dev.mailflow.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Failed sign-ins per client address and per user name in a sliding window. Wrong passwords and
 * unknown users count alike (the answer does not tell them apart either); a sign-in that was only
 * refused as busy does not count.
 */
final class FailedSignIns {

    /** Beyond this many keys, empty windows are swept so names seen once do not pile up. */
    private static final int SWEEP_ABOVE = 10_000;

    private final SignInProperties limits;
    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> byAddress = new HashMap<>();
    private final Map<String, ArrayDeque<Instant>> byUser = new HashMap<>();

    FailedSignIns(SignInProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        var authentication = event.getAuthentication();
        var address =
                authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        record(address, authentication.getName());
    }

    synchronized void record(String address, String user) {
        var now = clock.instant();
        if (address != null) {
            add(byAddress, address, limits.failuresPerAddress(), now);
        }
        if (user != null) {
            add(byUser, userKey(user), limits.failuresPerUser(), now);
        }
    }

    /**
     * How long sign-ins from this address or for this user name are refused, or empty when they may
     * be tried.
     */
    synchronized Optional<Duration> refusedFor(String address, String user) {
        var now = clock.instant();
        var wait = wait(byAddress, address, limits.failuresPerAddress(), now);
        if (wait.isEmpty() && user != null) {
            wait = wait(byUser, userKey(user), limits.failuresPerUser(), now);
        }
        return wait;
    }

    private Optional<Duration> wait(Map<String, ArrayDeque<Instant>> windows, String key, int limit, Instant now) {
        var times = key == null ? null : windows.get(key);
        if (times == null) {
            return Optional.empty();
        }
        expire(times, now);
        if (times.size() < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, times.peekFirst().plus(limits.failureWindow())));
    }

    private void add(Map<String, ArrayDeque<Instant>> windows, String key, int limit, Instant now) {
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(times -> {
                expire(times, now);
                return times.isEmpty();
            });
        }
        var times = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        expire(times, now);
        times.addLast(now);
        // Only the newest `limit` failures decide when the key is free again; older ones need no memory.
        while (times.size() > limit) {
            times.removeFirst();
        }
    }

    private void expire(ArrayDeque<Instant> times, Instant now) {
        var start = now.minus(limits.failureWindow());
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
    }

    /** User names are compared as the sign-in compares them (the in-memory users ignore case). */
    private static String userKey(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
