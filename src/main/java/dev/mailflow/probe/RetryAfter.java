package dev.mailflow.probe;

import java.time.Duration;

/**
 * How a wait is told to clients: the {@code Retry-After} header (RFC 9110 §10.2.3) and the words
 * in messages. The one home of the rounding: always up, and at least one second, so that a client
 * that comes back on time finds the window open.
 */
public final class RetryAfter {

    private RetryAfter() {}

    /** Whole seconds, rounded up, at least 1. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** The value of a {@code Retry-After} header. */
    public static String header(Duration wait) {
        return String.valueOf(seconds(wait));
    }

    /**
     * "10 minutes", "1 hour", "1801 seconds": for messages a person reads. Always exactly the
     * header's seconds: a larger unit only when it is whole, never rounded to one.
     */
    public static String words(Duration wait) {
        long seconds = seconds(wait);
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
