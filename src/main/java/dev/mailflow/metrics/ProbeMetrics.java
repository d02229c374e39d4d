package dev.mailflow.metrics;

import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunObserver;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.smtp.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Probe metrics, computed from each finished run's events and results (the engine knows nothing of
 * Micrometer). Labels are bounded enums only: never a domain, host or address (STYLE rule 10).
 */
@Component
class ProbeMetrics implements RunObserver {

    /** SMTP spans milliseconds (a local reply) to minutes (a tarpit, a DATA timeout). */
    private static final Duration[] PHASE_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)
    };

    private final MeterRegistry registry;
    private final Map<Phase, Timer> phaseTimers = new EnumMap<>(Phase.class);

    ProbeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (var phase : Phase.values()) {
            phaseTimers.put(
                    phase,
                    Timer.builder("mailflow.probe.phase.duration")
                            .description("Time each SMTP phase took, from the command to its reply")
                            .tag("phase", phase.name())
                            .serviceLevelObjectives(PHASE_BUCKETS)
                            .register(registry));
        }
    }

    /**
     * Counts what the run itself did. A run asked from vantages counts as a run, but its plan and
     * sessions are its parts': each part counts them where it ran (here or on another instance), as a
     * session source, not as a run of its own.
     */
    @Override
    public void finished(ProbeRun finished) {
        var run = finished.snapshot();
        var origin = finished.origin();
        if (!origin.isPart()) {
            var outcome = run.outcome().map(RunOutcome::name).orElse("UNKNOWN");
            counter("mailflow.probe.runs", "Probe runs by outcome", "outcome", outcome)
                    .increment();
        }
        if (origin.fromVantages()) {
            return;
        }
        run.plan()
                .ifPresent(plan -> counter(
                                "mailflow.dns.lookups",
                                "MX plan lookups by result",
                                "result",
                                plan.outcome().name())
                        .increment());
        for (var session : run.sessions()) {
            if (session.result() == null) {
                continue;
            }
            for (var exchange : session.result().exchanges()) {
                var reply = exchange.reply();
                phaseTimers.get(exchange.phase()).record(reply.took());
                Counter.builder("mailflow.smtp.replies")
                        .description("SMTP replies by phase and first digit")
                        .tag("phase", exchange.phase().name())
                        .tag("class", reply.code() == 0 ? "malformed" : reply.codeClass() + "xx")
                        .register(registry)
                        .increment();
            }
        }
        connectTimes(run.events()).forEach(phaseTimers.get(Phase.CONNECT)::record);
    }

    /** Connect time per session that connected, as the session measured it. */
    static List<Duration> connectTimes(List<ProbeEvent> events) {
        return events.stream()
                .map(e -> e.detail(EventDetail.Connected.class))
                .filter(Objects::nonNull)
                .map(c -> Duration.ofMillis(c.ms()))
                .toList();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
