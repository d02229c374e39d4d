package dev.mailflow.probe;

import java.time.Duration;

/**
 * The worker pool and its queue are full, or a rate limit was hit; try again after {@code retryAfter}.
 * The message ends with the wait in the words of {@link RetryAfter}, so a person reading it on the
 * page is told the same number of seconds as a client reading the {@code Retry-After} header.
 */
public class TooBusyException extends RuntimeException {

    private final Duration retryAfter;

    /** @param why which limit was hit, without the wait: the wait is added from {@code retryAfter} */
    public TooBusyException(String why, Duration retryAfter) {
        super(why + "; try again in " + RetryAfter.words(retryAfter) + ".");
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
