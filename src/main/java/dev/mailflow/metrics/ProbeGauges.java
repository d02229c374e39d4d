package dev.mailflow.metrics;

import dev.mailflow.probe.ProbeService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** The worker pool's load, read at scrape time. */
@Component
class ProbeGauges implements MeterBinder {

    private final ProbeService probes;

    ProbeGauges(ProbeService probes) {
        this.probes = probes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mailflow.probe.sessions.in.flight", probes, ProbeService::sessionsInFlight)
                .description("SMTP sessions connected or connecting")
                .register(registry);
        Gauge.builder("mailflow.probe.sessions.queued", probes, ProbeService::sessionsQueued)
                .description("SMTP sessions waiting for a slot")
                .register(registry);
    }
}
