package dev.mailflow.history;

import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunStatus;
import java.time.Instant;

/** A run's row: who, what, when, how it stands, and the note of a run cut off. */
record StoredRun(
        String id,
        String owner,
        ProbeRequest request,
        Instant startedAt,
        RunStatus status,
        Instant finishedAt,
        String note) {}
