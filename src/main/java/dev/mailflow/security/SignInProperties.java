package dev.mailflow.security;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.security.sign-in.*}: how much password checking may cost. A password hash is made
 * slow on purpose, so a burst of wrong passwords must not take every CPU from health checks and
 * running streams.
 *
 * @param concurrentChecks password checks at once; 0 means half the processors (at least one)
 * @param checkWait how long a sign-in waits for a check slot before it is answered 503 with
 *     {@code Retry-After}
 * @param failuresPerAddress failed sign-ins from one client address per {@code failureWindow};
 *     beyond it, sign-ins from that address are answered 429 without a check
 * @param failuresPerUser failed sign-ins for one user name per {@code failureWindow}, from anywhere
 * @param failureWindow the sliding window of the two limits above
 */
@Validated
@ConfigurationProperties("mailflow.security.sign-in")
public record SignInProperties(
        @DefaultValue("0") @Min(0) int concurrentChecks,
        @DefaultValue("1s") Duration checkWait,
        @DefaultValue("30") @Min(1) int failuresPerAddress,
        @DefaultValue("10") @Min(1) int failuresPerUser,
        @DefaultValue("5m") Duration failureWindow) {

    public SignInProperties {
        if (checkWait.isNegative() || failureWindow.isNegative() || failureWindow.isZero()) {
            throw new IllegalArgumentException(
                    "mailflow.security.sign-in: check-wait must not be negative and failure-window must be positive");
        }
    }

    /** The number of password checks allowed at once. */
    int checks() {
        return concurrentChecks > 0
                ? concurrentChecks
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
