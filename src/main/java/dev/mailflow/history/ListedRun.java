package dev.mailflow.history;

import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.ValidatedProbe;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored run as a short list names it (the home page's recent probes).
 *
 * @param outcome empty while the run runs
 */
public record ListedRun(String id, ValidatedProbe probe, Optional<RunOutcome> outcome, Instant startedAt) {}
