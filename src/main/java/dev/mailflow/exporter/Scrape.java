package dev.mailflow.exporter;

import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import java.time.Duration;
import java.util.List;

/**
 * One {@code /probe} request as its metrics see it: the run, read once when the scrape ends (over,
 * or cut off by the timeout with whatever it had measured by then).
 *
 * @param sessions the run's sessions at that moment; one still running has no result
 * @param took from the request's arrival to the moment the run was read
 * @param overtime whether the timeout ended the scrape before the run was over
 * @param coalesced whether the run was started by an earlier scrape of the same target and module
 */
record Scrape(
        ProbeModule module,
        ScrapeTarget target,
        ProbeRun run,
        List<SessionFacts> sessions,
        Duration took,
        boolean overtime,
        boolean coalesced) {

    Scrape {
        sessions = List.copyOf(sessions);
    }

    /**
     * blackbox_exporter's {@code probe_success}: the run ended in time and every session reached
     * the module's stop-point. One MX down is a failure here; the per-MX series tell which.
     */
    boolean success() {
        return !overtime
                && run.status() == RunStatus.COMPLETED
                && !sessions.isEmpty()
                && sessions.stream()
                        .allMatch(s -> s.result() != null && s.result().outcome() == SessionOutcome.COMPLETED);
    }
}
