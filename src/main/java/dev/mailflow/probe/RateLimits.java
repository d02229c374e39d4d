package dev.mailflow.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sliding-window limits on starting runs: per user, per destination domain, and DATA runs per user.
 * One lock guards every window, so a run is admitted by all of them or by none, and N concurrent
 * starts against a limit of N admit exactly N. The windows live in an {@link AdmissionLog}: this
 * instance's memory, or the database all replicas share.
 */
public final class RateLimits {

    private final LimitProperties limits;
    private final Clock clock;
    private final AdmissionLog log;

    RateLimits(LimitProperties limits, Clock clock) {
        this(limits, clock, new MemoryAdmissions());
    }

    public RateLimits(LimitProperties limits, Clock clock, AdmissionLog log) {
        this.limits = limits;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Counts a run against every window it falls in, or none of them.
     *
     * @throws TooBusyException naming the limit, with the wait until the oldest run leaves its window
     */
    public void admit(String user, String domain, boolean data) {
        log.<Void>locked(() -> {
            var now = clock.instant();
            var userRuns = log.since("user", user, now.minus(limits.window()));
            if (userRuns.size() >= limits.runsPerUser()) {
                throw refused(
                        "You have started " + limits.runsPerUser() + " probes in the last " + words(limits.window()),
                        userRuns,
                        limits.window(),
                        now);
            }
            var domainRuns = log.since("domain", domain, now.minus(limits.window()));
            if (domainRuns.size() >= limits.runsPerDomain()) {
                throw refused(
                        domain + " has been probed " + limits.runsPerDomain() + " times in the last "
                                + words(limits.window()),
                        domainRuns,
                        limits.window(),
                        now);
            }
            if (data) {
                var dataRuns = log.since("data", user, now.minus(limits.dataWindow()));
                if (dataRuns.size() >= limits.dataRunsPerUser()) {
                    throw refused(
                            "You have sent " + limits.dataRunsPerUser() + " test messages in the last "
                                    + words(limits.dataWindow()),
                            dataRuns,
                            limits.dataWindow(),
                            now);
                }
                log.add("data", user, now);
            }
            log.add("user", user, now);
            log.add("domain", domain, now);
            return null;
        });
    }

    private static TooBusyException refused(String why, List<Instant> times, Duration length, Instant now) {
        var wait = Duration.between(now, times.getFirst().plus(length));
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
