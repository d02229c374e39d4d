package dev.mailflow.probe;

import java.time.Duration;

/**
 * How a run is started, instead of boolean arguments.
 *
 * @param budget every session ends within this of the start; null: only the configured timeouts
 * @param listed kept in the recent runs, stored as it happens and shown to the {@link RunObserver}s
 *     (history, audit, metrics); an unlisted run only if {@link ProbeService#keep} is called for it
 * @param posture whether the posture checks (blocklists, SPF, DMARC, MTA-STS...) run beside the sessions
 */
public record RunOptions(Duration budget, boolean listed, boolean posture) {

    /** A run a person started: listed, with posture checks, under the configured timeouts. */
    public static final RunOptions LISTED = new RunOptions(null, true, true);

    /**
     * A run for the Prometheus exporter: within {@code budget}, unlisted, because a scrape every few
     * seconds would drown the history, the audit and the metrics.
     */
    public static RunOptions unlisted(Duration budget, boolean posture) {
        return new RunOptions(budget, false, posture);
    }
}
