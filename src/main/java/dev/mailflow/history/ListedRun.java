package dev.mailflow.history;

import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunOutcome;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored run as a short list names it (the home page's recent probes).
 *
 * @param outcome empty while the run runs
 */
public record ListedRun(String id, ProbeRequest request, Optional<RunOutcome> outcome, Instant startedAt) {}
