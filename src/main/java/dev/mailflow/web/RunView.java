package dev.mailflow.web;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.text.UntrustedText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A run as the run page shows it: everything that happened up to {@code lastSeq}; a running page
 * joins the live stream after that seq.
 */
record RunView(
        String id,
        String target,
        RunStatus status,
        Instant startedAt,
        ProbeResult.Dns dns,
        String planText,
        List<TranscriptLine> lines,
        SessionMatrix matrix,
        Diagnosis.Verdict verdictKind,
        String verdict,
        List<FindingView> findings,
        long lastSeq) {

    static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static RunView of(RunSnapshot run, Knowledge knowledge) {
        var events = run.events();
        var reader = new TranscriptReader(knowledge);
        var lines = events.stream().map(reader::read).toList();
        var planText = events.stream()
                .filter(e -> e.kind() == ProbeEvent.Kind.PLAN)
                .map(e -> UntrustedText.visible(e.text()))
                .findFirst()
                .orElse(null);
        var verdictEvent =
                events.stream().filter(e -> e.kind() == ProbeEvent.Kind.VERDICT).findFirst();
        var diagnosis = run.diagnosis().filter(d -> verdictEvent.isPresent());
        var findings = events.stream()
                .filter(e -> e.kind() == ProbeEvent.Kind.FINDING)
                .map(e -> finding(run, e))
                .toList();
        return new RunView(
                run.id(),
                target(run.request()),
                run.status(),
                run.startedAt(),
                planText == null ? null : run.plan().map(ProbeResult.Dns::of).orElse(null),
                planText,
                lines.stream().filter(TranscriptLine::inTranscript).toList(),
                SessionMatrix.of(run.sessions(), run.plan()),
                diagnosis.map(Diagnosis::outcome).orElse(null),
                verdictEvent.map(e -> UntrustedText.visible(e.text())).orElse(null),
                findings,
                run.lastSeq());
    }

    /**
     * The finding a FINDING event announces: the diagnosis' finding at the event's index, else only
     * the title (a diagnosis the run no longer has).
     */
    static FindingView finding(RunSnapshot run, ProbeEvent event) {
        var all = run.diagnosis().map(Diagnosis::findings).orElse(List.of());
        var ref = event.detail(EventDetail.Finding.class);
        var finding = ref != null && ref.index() < all.size()
                ? all.get(ref.index())
                : new Finding(Severity.INFO, "", event.text(), List.of(), List.of(), null, null, List.of());
        return FindingView.of(finding, run.events());
    }

    static String target(ProbeRequest request) {
        if (request.host() != null && !request.host().isBlank()) {
            return request.host() + (request.port() == null ? "" : ":" + request.port());
        }
        if (request.domain() != null && !request.domain().isBlank()) {
            return request.domain();
        }
        return String.join(", ", request.rcptTo());
    }

    /** The start time to the second, in UTC, as a person reads it. */
    public String startedText() {
        return STARTED.format(startedAt);
    }

    public boolean running() {
        return status == RunStatus.RUNNING;
    }

    public String statusWord() {
        return status.name().toLowerCase(Locale.ROOT);
    }

    public String verdictWord() {
        return verdictKind == null ? "unknown" : verdictKind.name().toLowerCase(Locale.ROOT);
    }
}
