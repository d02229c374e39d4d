package dev.mailflow.probe;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.limits.*}: how many runs may start within a sliding window, so mailflow cannot
 * be turned into a scanner or a spam cannon. Concurrency per destination address is {@code
 * mailflow.probe.max-sessions-per-address}; recipients per run is {@code mailflow.probe.max-recipients}.
 *
 * @param runsPerUser runs one user may start per {@code window}
 * @param runsPerToken runs one machine token may start per {@code window}: scripts and Prometheus
 *     have their own budget, so a scraper never locks a person out, nor the reverse
 * @param runsPerDomain runs against one destination domain per {@code window}, all users together
 *     ({@code /probe} scrapes are not counted here: they are coalesced per target instead)
 * @param window the sliding window of the two limits above
 * @param dataRunsPerUser runs that send a test message (DATA) one user may start per {@code dataWindow}
 * @param dataWindow the sliding window of {@code dataRunsPerUser}
 */
@Validated
@ConfigurationProperties("mailflow.limits")
public record LimitProperties(
        @DefaultValue("30") @Min(1) int runsPerUser,
        @DefaultValue("600") @Min(1) int runsPerToken,
        @DefaultValue("60") @Min(1) int runsPerDomain,
        @DefaultValue("10m") Duration window,
        @DefaultValue("5") @Min(1) int dataRunsPerUser,
        @DefaultValue("1h") Duration dataWindow) {

    public LimitProperties {
        if (window.isNegative() || window.isZero() || dataWindow.isNegative() || dataWindow.isZero()) {
            throw new IllegalArgumentException("mailflow.limits windows must be positive");
        }
    }
}
