package dev.mailflow.exporter;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Reason;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.probe.RunOutcome;
import java.util.EnumMap;
import org.springframework.stereotype.Component;

/**
 * The run as a whole: blackbox_exporter's common probe metrics, the number of MX hosts, the
 * verdict and the findings by severity.
 */
@Component
class RunMetrics implements ScrapeMetrics {

    @Override
    public void write(Scrape scrape, ScrapeRegistry registry) {
        registry.set(
                "probe_success",
                "Whether the probe ended in time and every SMTP session reached the module's stop-point",
                scrape.success() ? 1 : 0);
        registry.set(
                "probe_coalesced",
                "Whether this scrape shared the probe an earlier scrape of the same target and module started"
                        + " (mailflow.exporter.coalesce)",
                scrape.coalesced() ? 1 : 0);
        registry.set(
                "probe_duration_seconds",
                "How long the probe took to complete in seconds",
                scrape.took().toNanos() / 1e9);
        scrape.run().plan().ifPresent(plan -> {
            registry.set(
                    "probe_dns_lookup_time_seconds",
                    "Returns the time taken for probe dns lookup in seconds",
                    plan.took().toNanos() / 1e9);
            registry.set(
                    "probe_mx_hosts",
                    "MX hosts of the target (1 for a host target)",
                    plan.hosts().size());
        });
        scrape.sessions().stream()
                .findFirst()
                .ifPresent(first -> registry.set(
                        "probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6", first.ipVersion()));

        var diagnosis = scrape.run().diagnosis();
        var verdict = diagnosis.map(RunOutcome::of).orElse(RunOutcome.UNKNOWN);
        for (var each : RunOutcome.verdicts()) {
            registry.set(
                    "probe_smtp_outcome_info",
                    "The run's verdict: what a sending server would do with mail to the target (1 for the verdict)",
                    each == verdict ? 1 : 0,
                    "outcome",
                    each.name());
        }
        // The reason of the run's most severe finding that names one (none for a deliverable run).
        registry.gauge(
                "probe_smtp_reason_info",
                "Why the mail would not be delivered, read from code and text (1 for the reason)");
        diagnosis.flatMap(Diagnosis::reason).ifPresent(reason -> {
            for (var each : Reason.values()) {
                registry.add("probe_smtp_reason_info", each == reason ? 1 : 0, "reason", each.name());
            }
        });
        var counts = new EnumMap<Severity, Integer>(Severity.class);
        diagnosis.ifPresent(d -> d.findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum)));
        for (var severity : Severity.values()) {
            registry.set(
                    "probe_smtp_findings",
                    "Findings of the run's diagnosis by severity",
                    counts.getOrDefault(severity, 0),
                    "severity",
                    severity.name());
        }
    }
}
