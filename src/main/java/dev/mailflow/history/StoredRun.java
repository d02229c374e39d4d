package dev.mailflow.history;

import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunStatus;
import java.time.Instant;

/** A run's row: who, what, when and how it stands. */
record StoredRun(
        String id, String owner, ProbeRequest request, Instant startedAt, RunStatus status, Instant finishedAt) {}
