package dev.mailflow.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Risk;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.probe.PostureEntry;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.probe.VantageResult;
import dev.mailflow.text.AddressText;
import java.time.Instant;
import java.util.List;

/**
 * The JSON result of {@code GET /api/probes/{id}}; field names are the contract in DESIGN.md.
 *
 * @param outcome null while the run runs, so scripts never parse the verdict sentence
 * @param risk what may still happen to mail whose envelope was accepted; null while the run runs
 * @param risks the ids of the findings that make the risk
 * @param customerMessage plain words for the customer, once the run is over
 * @param advice what the user can do and what the mail admin must do, once the run is over
 * @param vantages each vantage's answer, for a run asked from several; left out otherwise
 */
record ProbeResult(
        String id,
        RunStatus status,
        ProbeRequest request,
        Instant startedAt,
        Instant finishedAt,
        RunOutcome outcome,
        Risk risk,
        List<String> risks,
        String verdict,
        String customerMessage,
        Advice advice,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VantageResult> vantages,
        List<Posture> posture,
        Dns dns,
        List<SessionReport> sessions,
        List<Finding> findings) {

    /** @param knowledge reads each failing reply's reason, with the classifier the diagnosis uses */
    static ProbeResult of(RunSnapshot run, Knowledge knowledge, List<VantageResult> vantages) {
        var events = run.events();
        var diagnosis = run.diagnosis();
        var words = CustomerView.of(run.state(), run.probe(), knowledge);
        return new ProbeResult(
                run.id(),
                run.status(),
                run.request(),
                run.startedAt(),
                run.finishedAt().orElse(null),
                run.outcome().orElse(null),
                run.isDone() ? diagnosis.map(Diagnosis::risk).orElse(Risk.NONE) : null,
                diagnosis.map(Diagnosis::risks).orElse(List.of()),
                diagnosis.map(d -> d.verdict()).orElse(null),
                words.map(CustomerView::message).orElse(null),
                words.map(Advice::of).orElse(null),
                vantages,
                run.posture().stream().map(Posture::of).toList(),
                run.plan().map(Dns::of).orElse(null),
                run.sessions().stream()
                        .map(s -> SessionReport.of(s, events, knowledge))
                        .toList(),
                diagnosis.map(d -> d.findings()).orElse(List.of()));
    }

    /**
     * @param user what the user (the person sending) can do
     * @param admin what the mail admin must do: the fixes of the finding that decides
     * @param adminActs who that is, in words ("the recipient's mail admin", "our DNS admin")
     */
    record Advice(String user, List<String> admin, String adminActs) {

        static Advice of(CustomerView words) {
            return new Advice(words.user(), words.adminFixes(), words.adminActs());
        }
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
                                    h.addresses().stream().map(AddressText::of).toList()))
                            .toList(),
                    plan.implicitMx(),
                    plan.nullMx(),
                    plan.detail(),
                    plan.took() == null ? 0 : plan.took().toMillis());
        }
    }

    record Mx(int preference, String host, List<String> addresses) {}

    /**
     * One posture check: its status, the raw records it read, its evidence and the ids of the
     * findings it raised (their texts are in {@code findings}).
     */
    record Posture(
            String check,
            String subject,
            String status,
            String summary,
            List<String> records,
            List<String> evidence,
            List<String> findings) {

        static Posture of(PostureEntry entry) {
            var check = entry.check();
            return new Posture(
                    check.kind().name(),
                    check.subject(),
                    check.status().name(),
                    check.summary(),
                    check.records(),
                    check.evidence(),
                    entry.findings().stream().map(Finding::id).toList());
        }
    }
}
