package dev.mailflow.security;

import dev.mailflow.probe.RateWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Failed sign-ins per client address and per user name in a sliding window (the same {@link
 * RateWindows} as the run limits, so shared by replicas on PostgreSQL). Wrong passwords and unknown
 * users count alike (the answer does not tell them apart either); a sign-in that was only refused as
 * busy does not count.
 */
record FailedSignIns(SignInProperties limits, RateWindows windows) {

    private static final Logger log = LoggerFactory.getLogger(FailedSignIns.class);

    /** How long a sign-in waits for the failure windows before going on without them. */
    private static final Duration WAIT = Duration.ofMillis(500);

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        var authentication = event.getAuthentication();
        var address =
                authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        record(address, authentication.getName());
    }

    void record(String address, String user) {
        var both = limits(address, user);
        if (both.isEmpty()) {
            return;
        }
        if (bounded(() -> {
                    windows.record(both);
                    return true;
                })
                .isEmpty()) {
            log.warn("a failed sign-in could not be counted in time (database unreachable?)");
        }
    }

    /**
     * How long sign-ins from this address or for this user name are refused, or empty when they may
     * be tried.
     */
    Optional<Duration> refusedFor(String address, String user) {
        var both = limits(address, user);
        if (both.isEmpty()) {
            return Optional.empty();
        }
        // Without the database the throttle cannot tell; the bounded password check still applies.
        return bounded(() -> windows.check(both)).flatMap(full -> full.map(RateWindows.Full::retryAfter));
    }

    /**
     * Runs a read or write of the windows, waiting at most {@link #WAIT}: on PostgreSQL they are rows,
     * and every request that signs in asks them, so an unreachable database must not hold up every
     * request (and the health checks behind them) for the connection pool's timeout. Empty when it
     * failed or did not answer in time; a late answer finishes on its own thread.
     */
    private static <T> Optional<T> bounded(Supplier<T> work) {
        try {
            return Optional.of(CompletableFuture.supplyAsync(
                            work,
                            task -> Thread.ofVirtual().name("sign-in-windows").start(task))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    /** The address first: its refusal is the one an attacker from one place meets. */
    private List<RateWindows.Limit> limits(String address, String user) {
        var both = new ArrayList<RateWindows.Limit>(2);
        if (address != null) {
            both.add(new RateWindows.Limit(
                    "sign-in-address:" + address, limits.failuresPerAddress(), limits.failureWindow()));
        }
        if (user != null) {
            // User names are compared as the sign-in compares them (the in-memory users ignore case).
            both.add(new RateWindows.Limit(
                    "sign-in-user:" + user.toLowerCase(Locale.ROOT), limits.failuresPerUser(), limits.failureWindow()));
        }
        return both;
    }
}
