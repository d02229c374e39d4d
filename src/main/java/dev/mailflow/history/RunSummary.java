package dev.mailflow.history;

import dev.mailflow.probe.RunStatus;
import java.time.Instant;
import java.util.List;

/** One run in the history list; field names are the JSON contract of {@code GET /api/probes}. */
public record RunSummary(
        String id,
        RunStatus status,
        String outcome,
        String domain,
        List<String> rcptTo,
        Instant startedAt,
        Instant finishedAt,
        String verdict,
        String owner) {}
