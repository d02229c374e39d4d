package dev.mailflow.exporter;

import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.ProbeService;
import java.time.Duration;

/**
 * The scrapes' runs the history keeps (those whose outcome or findings changed): each handed to the
 * probe service's recent runs, archive and observers once, when it is over. A scrape answers at its
 * timeout, so its run may still be ending; a virtual thread waits for that end.
 */
final class KeptRuns {

    private static final Duration WAKE = Duration.ofMinutes(1);

    private final ProbeService probes;

    KeptRuns(ProbeService probes) {
        this.probes = probes;
    }

    void keep(ProbeRun run) {
        if (run.isDone()) {
            probes.publish(run);
            return;
        }
        Thread.ofVirtual().name("keep-" + run.id()).start(() -> {
            try {
                // The run's budget ends it soon after the scrape; the shutdown ends it too.
                while (!run.awaitDone(WAKE)) {
                    // still going
                }
                probes.publish(run);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
