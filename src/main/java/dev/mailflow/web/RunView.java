package dev.mailflow.web;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.text.UntrustedText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    static RunView of(ProbeRun run, Knowledge knowledge) {
        // One snapshot of the events decides everything: the run is over exactly when DONE is in it
        // (finish appends DONE and sets the status under one lock), so the page never misses a tail.
        var events = run.events();
        var done = !events.isEmpty() && events.getLast().kind() == ProbeEvent.Kind.DONE;
        var status = done ? run.status() : RunStatus.RUNNING;
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
                .map(e -> finding(run, e, events))
                .toList();
        return new RunView(
                run.id(),
                target(run),
                status,
                run.startedAt(),
                planText == null ? null : run.plan().map(ProbeResult.Dns::of).orElse(null),
                planText,
                lines.stream().filter(TranscriptLine::inTranscript).toList(),
                SessionMatrix.of(run.sessions()),
                diagnosis.map(Diagnosis::outcome).orElse(null),
                verdictEvent.map(e -> UntrustedText.visible(e.text())).orElse(null),
                findings,
                events.isEmpty() ? 0 : events.getLast().seq());
    }

    /**
     * The finding a FINDING event announces: the diagnosis' finding in the same place when its title
     * matches, else the first with that title, else only the title (no diagnosis attached yet).
     */
    static FindingView finding(ProbeRun run, ProbeEvent event, List<ProbeEvent> events) {
        var index = (int) events.stream()
                .filter(e -> e.kind() == ProbeEvent.Kind.FINDING && e.seq() < event.seq())
                .count();
        var all = run.diagnosis().map(Diagnosis::findings).orElse(List.of());
        var inPlace = index < all.size() && all.get(index).title().equals(event.text())
                ? Optional.of(all.get(index))
                : Optional.<Finding>empty();
        var finding = inPlace.or(() ->
                        all.stream().filter(f -> f.title().equals(event.text())).findFirst())
                .orElseGet(() ->
                        new Finding(Severity.INFO, "", event.text(), List.of(), List.of(), null, null, List.of()));
        return FindingView.of(finding, events);
    }

    static String target(ProbeRun run) {
        var request = run.request();
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
