package dev.mailflow.probe;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.probe.*}: the bounds every run executes under.
 *
 * @param maxSessions SMTP sessions connected at once, across all runs
 * @param maxSessionsPerAddress sessions to one destination address at once (be a polite client)
 * @param maxRuns runs admitted at once (running or waiting for a session slot); beyond it, "too busy"
 * @param maxRecipients RCPT TO commands per run
 * @param dataEnabled whether a run may send a test message with DATA
 * @param recentRuns finished runs kept in memory for permalinks and the recent list
 * @param retryAfter what "too busy" tells clients to wait
 */
@Validated
@ConfigurationProperties("mailflow.probe")
public record ProbeProperties(
        @DefaultValue("16") @Min(1) int maxSessions,
        @DefaultValue("2") @Min(1) int maxSessionsPerAddress,
        @DefaultValue("32") @Min(1) int maxRuns,
        @DefaultValue("10") @Min(1) int maxRecipients,
        @DefaultValue("false") boolean dataEnabled,
        @DefaultValue("200") @Min(1) int recentRuns,
        @DefaultValue("10s") Duration retryAfter) {}
