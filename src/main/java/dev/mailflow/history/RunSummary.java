package dev.mailflow.history;

import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.RunStatus;
import java.time.Instant;
import java.util.List;

/**
 * One run in the history list; field names are the JSON contract of {@code GET /api/probes}.
 *
 * @param outcome null while the run runs
 * @param domain the domain probed, as DNS was asked (A-labels)
 */
public record RunSummary(
        String id,
        RunStatus status,
        RunOutcome outcome,
        String domain,
        List<String> rcptTo,
        Instant startedAt,
        Instant finishedAt,
        String verdict,
        String owner) {}
