package dev.mailflow.probe;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * This instance as a vantage ({@code mailflow.vantage.*}): instances sharing one PostgreSQL
 * database are the vantages a run can be asked from.
 *
 * @param name this vantage's name, shared by the replicas of one place (e.g. {@code eu-west})
 * @param web false keeps only health and metrics: a worker that needs no inbound port
 * @param claimTimeout a part no worker of its vantage claims within this ends FAILED
 * @param heartbeat how often this instance writes its vantage's heartbeat; three missed ones and the
 *     vantage shows as down
 * @param poll how often a worker looks for parts to claim, and a run for its parts' progress
 */
@Validated
@ConfigurationProperties("mailflow.vantage")
public record VantageProperties(
        @NotNull @DefaultValue("local") String name,
        @DefaultValue("true") boolean web,
        @NotNull @DefaultValue("30s") Duration claimTimeout,
        @NotNull @DefaultValue("10s") Duration heartbeat,
        @NotNull @DefaultValue("500ms") Duration poll) {

    /** Lower-case letters, digits, dots, dashes and underscores: a label, a URL parameter, a column. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** What a request writes to ask every live vantage. */
    static final String ALL = "all";

    public VantageProperties {
        if (name == null || !NAME.matcher(name).matches() || name.equals(ALL)) {
            throw new IllegalArgumentException("mailflow.vantage.name: '" + name
                    + "' must be 1-63 lower-case letters, digits, '.', '-' or '_' (and not 'all')");
        }
        for (var period : new Duration[] {claimTimeout, heartbeat, poll}) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException(
                        "mailflow.vantage.claim-timeout, heartbeat and poll must be positive: " + period);
            }
        }
    }

    /** Everything at its default: one vantage, {@code local}. */
    public static VantageProperties defaults() {
        return new VantageProperties(
                "local", true, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(500));
    }
}
