package dev.mailflow.security;

import dev.mailflow.probe.RateWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
final class FailedSignIns {

    private static final Logger log = LoggerFactory.getLogger(FailedSignIns.class);

    private final SignInProperties limits;
    private final RateWindows windows;

    FailedSignIns(SignInProperties limits, RateWindows windows) {
        this.limits = limits;
        this.windows = windows;
    }

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
        try {
            windows.record(both);
        } catch (RuntimeException e) {
            // The shared windows live in the database; a sign-in is not failed twice for its outage.
            log.warn("failed sign-in could not be counted: {}", e.toString());
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
        try {
            return windows.check(both).map(RateWindows.Full::retryAfter);
        } catch (RuntimeException e) {
            // Without the database the throttle cannot tell; the bounded password check still applies.
            log.warn("failed sign-ins could not be read: {}", e.toString());
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
