package dev.mailflow.probe;

import java.time.Duration;

/** The worker pool and its queue are full, or a rate limit was hit; try again after {@code retryAfter}. */
public class TooBusyException extends RuntimeException {

    private final Duration retryAfter;

    public TooBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The {@code Retry-After} header value for this refusal. */
    public String retryAfterHeader() {
        return RetryAfter.header(retryAfter);
    }
}
