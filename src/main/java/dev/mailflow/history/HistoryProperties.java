package dev.mailflow.history;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how long runs are kept ({@code mailflow.history.*}).
 *
 * @param dir the embedded H2 database's directory (created by H2 on first start); the default
 *     {@code spring.datasource.url} in application.yml points there; unused with PostgreSQL
 * @param retention runs older than this are purged
 * @param purgeEvery how often the purge runs
 * @param lease how long a run stays RUNNING after its instance last renewed it; a run whose lease
 *     ran out is closed as INTERRUPTED (its instance crashed or was stopped)
 * @param poll how often followed runs of other replicas are re-read without a wake-up (a lost
 *     notification costs at most this long)
 * @param instance this instance's name in leases and notes; default: the host name (the pod name)
 */
@Validated
@ConfigurationProperties("mailflow.history")
public record HistoryProperties(
        @NotNull @DefaultValue("./data") Path dir,
        @NotNull @DefaultValue("90d") Duration retention,
        @NotNull @DefaultValue("1h") Duration purgeEvery,
        @NotNull @DefaultValue("30s") Duration lease,
        @NotNull @DefaultValue("2s") Duration poll,
        String instance) {

    public HistoryProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("mailflow.history.retention must be positive: " + retention);
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("mailflow.history.lease must be at least 1s: " + lease);
        }
        if (poll.isNegative() || poll.isZero() || purgeEvery.isNegative() || purgeEvery.isZero()) {
            throw new IllegalArgumentException("mailflow.history.poll and purge-every must be positive");
        }
    }

    /** Renewed three times per lease, so one slow renewal does not end a healthy run. */
    Duration renewEvery() {
        return lease.dividedBy(3);
    }

    String instanceName() {
        return instance == null || instance.isBlank() ? HostName.local() : instance.strip();
    }
}
