package dev.mailflow.web;

import dev.mailflow.diagnosis.Finding;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.probe.RunStatus;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/** The JSON result of {@code GET /api/probes/{id}}; field names are the contract in DESIGN.md. */
record ProbeResult(
        String id,
        RunStatus status,
        ProbeRequest request,
        Instant startedAt,
        Instant finishedAt,
        String verdict,
        Dns dns,
        List<SessionReport> sessions,
        List<Finding> findings) {

    static ProbeResult of(RunSnapshot run) {
        var events = run.events();
        var diagnosis = run.diagnosis();
        return new ProbeResult(
                run.id(),
                run.status(),
                run.request(),
                run.startedAt(),
                run.finishedAt().orElse(null),
                diagnosis.map(d -> d.verdict()).orElse(null),
                run.plan().map(Dns::of).orElse(null),
                run.sessions().stream().map(s -> SessionReport.of(s, events)).toList(),
                diagnosis.map(d -> d.findings()).orElse(List.of()));
    }

    record Dns(String domain, String outcome, List<Mx> mx, boolean implicitMx, boolean nullMx, String detail, long ms) {

        static Dns of(MxPlan plan) {
            return new Dns(
                    plan.domain(),
                    plan.outcome().name(),
                    plan.hosts().stream()
                            .map(h -> new Mx(
                                    h.preference(),
                                    h.name(),
                                    h.addresses().stream()
                                            .map(InetAddress::getHostAddress)
                                            .toList()))
                            .toList(),
                    plan.implicitMx(),
                    plan.nullMx(),
                    plan.detail(),
                    plan.took() == null ? 0 : plan.took().toMillis());
        }
    }

    record Mx(int preference, String host, List<String> addresses) {}
}
