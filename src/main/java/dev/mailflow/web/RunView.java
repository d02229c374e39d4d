package dev.mailflow.web;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.dns.DnsOutcome;
import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.probe.RunState;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.probe.ValidatedProbe;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A run as the run page shows it, the answer first: everything that happened up to {@code lastSeq};
 * a running page joins the live stream after that seq.
 */
record RunView(
        String id,
        String target,
        RunStatus status,
        Instant startedAt,
        ProbeResult.Dns dns,
        boolean explicitHost,
        List<TranscriptLine> lines,
        SessionMatrix matrix,
        VerdictView answer,
        List<FindingView> findings,
        List<FindingView> adminNotes,
        List<CertificateView> certificates,
        long lastSeq) {

    static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static RunView of(RunSnapshot run, Knowledge knowledge) {
        var events = run.events();
        var reader = new TranscriptReader(knowledge);
        var lines = events.stream().map(reader::read).toList();
        var planned = events.stream().anyMatch(e -> e.kind() == ProbeEvent.Kind.PLAN);
        var all = events.stream()
                .filter(e -> e.kind() == ProbeEvent.Kind.FINDING)
                .map(e -> finding(run, e))
                .toList();
        // Notes about mailflow's own configuration go to its administrator's section, not every run's answer.
        var findings = all.stream()
                .filter(f -> !knowledge.aboutMailflowSetup(f.finding().id()))
                .toList();
        var adminNotes = all.stream()
                .filter(f -> knowledge.aboutMailflowSetup(f.finding().id()))
                .toList();
        return new RunView(
                run.id(),
                target(run.probe()),
                run.status(),
                run.startedAt(),
                planned ? run.plan().map(ProbeResult.Dns::of).orElse(null) : null,
                explicitHost(run.state()),
                lines.stream().filter(TranscriptLine::inTranscript).toList(),
                SessionMatrix.of(run),
                VerdictView.of(run, knowledge),
                findings,
                adminNotes,
                CertificateView.of(run.sessions()),
                run.lastSeq());
    }

    /**
     * The finding a FINDING event announces: the diagnosis' finding at the event's index, else only
     * the title (a diagnosis the run no longer has).
     */
    static FindingView finding(RunSnapshot run, ProbeEvent event) {
        var finding = finding(run.state(), event);
        var seq = run.events().stream()
                .filter(e -> FindingView.shows(finding, e))
                .map(ProbeEvent::seq)
                .findFirst()
                .orElse(null);
        return FindingView.of(finding, seq);
    }

    static Finding finding(RunState state, ProbeEvent event) {
        var all = state.diagnosis().map(Diagnosis::findings).orElse(List.of());
        var ref = event.detail(EventDetail.Finding.class);
        return ref != null && ref.index() < all.size()
                ? all.get(ref.index())
                : new Finding(Severity.INFO, "", event.text(), List.of(), List.of(), null, null, List.of(), null);
    }

    /** Whether the user named the server, so there was no MX lookup. */
    static boolean explicitHost(RunState run) {
        return run.plan().map(p -> p.outcome() == DnsOutcome.EXPLICIT).orElse(false);
    }

    /**
     * What a run probed, in one line: the explicit host and port, else the recipients (A-label
     * domains, as probed), else the domain when only its postmaster was asked.
     */
    static String target(ValidatedProbe probe) {
        if (probe.host() != null) {
            return probe.host() + ":" + probe.port();
        }
        return recipients(probe);
    }

    /** Whom the run asked about: its recipients, or its domain for a domain-only run (postmaster@). */
    static String recipients(ValidatedProbe probe) {
        var postmasterOnly = probe.rcptTo().size() == 1
                && probe.rcptTo().getFirst().localPart().equals("postmaster")
                && probe.rcptTo().getFirst().domain().equals(probe.domain());
        return postmasterOnly || probe.rcptTo().isEmpty()
                ? probe.target()
                : String.join(", ", probe.rcptTo().stream().map(String::valueOf).toList());
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
}
