package dev.mailflow.probe;

import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * This instance as a worker of its vantage: every {@code mailflow.vantage.poll} it claims the parts
 * asked of its vantage and runs each as a run of its own, with this instance's settings (its target
 * policy, its source address, its timeouts). The run is stored and leased like any other, so the
 * instance following the part sees it live, and sees it INTERRUPTED if this instance dies.
 */
final class VantageWorker implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(VantageWorker.class);

    private final VantageParts parts;
    private final ProbeService probes;
    private final VantageProperties properties;
    private final Clock clock;

    VantageWorker(VantageParts parts, ProbeService probes, VantageProperties properties, Clock clock) {
        this.parts = parts;
        this.probes = probes;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Every {@code mailflow.vantages.poll} on Spring's scheduler, at a fixed rate: with virtual threads
     * each round runs on a thread of its own, where fixed-delay tasks would all wait on the scheduler's
     * one thread (a slow heartbeat would hold up the claims). A round that overlaps the next is
     * harmless: each claim is one atomic update of its row.
     */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedRateTask(new FixedRateTask(this::round, properties.poll(), properties.poll()));
    }

    private void round() {
        try {
            claimAll();
        } catch (RuntimeException e) {
            // The database may be down for a while; the next round tries again.
            log.warn("vantage {}: claiming parts failed: {}", properties.name(), e.getMessage());
        }
    }

    /** Claims and starts every part waiting for this vantage, one at a time. */
    void claimAll() {
        while (true) {
            var id = probes.newId();
            var now = clock.instant();
            var claimed = parts.claim(properties.name(), id, now.minus(properties.claimTimeout()), now);
            if (claimed.isEmpty()) {
                return;
            }
            var part = claimed.get();
            try {
                probes.startPart(part.request(), part.owner(), id, part.runId());
                log.info("vantage {}: claimed the part of run {} as run {}", properties.name(), part.runId(), id);
            } catch (InvalidProbeException e) {
                var problems = e.problems().stream()
                        .map(p -> p.field() + ": " + p.message())
                        .collect(Collectors.joining("; "));
                refuse(part, "vantage " + properties.name() + " refused the request (" + problems + ")");
            } catch (TooBusyException e) {
                refuse(part, "vantage " + properties.name() + " was too busy: " + e.getMessage());
            }
        }
    }

    private void refuse(VantagePart part, String note) {
        parts.settle(part, VantagePart.Status.FAILED, null, RunOutcome.FAILED, note);
    }
}
