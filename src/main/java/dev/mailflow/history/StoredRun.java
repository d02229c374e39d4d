package dev.mailflow.history;

import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.probe.ValidatedProbe;
import java.time.Instant;

/** A run's row: who, what, when and how it stands. */
record StoredRun(
        String id,
        String owner,
        ValidatedProbe probe,
        ProbeRequest request,
        Instant startedAt,
        RunStatus status,
        Instant finishedAt) {}
