package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Risk;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.probe.RunState;
import dev.mailflow.probe.ValidatedProbe;
import dev.mailflow.text.UntrustedText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The answer at the top of the run page: the outcome as a badge word, the verdict sentence, how long
 * the run took and how each MX host ended, on one line.
 *
 * @param outcomeWord {@code deliverable}, {@code deferred}, {@code bounce}, {@code unknown} or
 *     {@code failed}
 * @param badgeWord what the badge says: the outcome, or the risk of an accepted envelope ("likely
 *     refused", "at risk"), never a plain "deliverable" over a risk
 * @param badgeClass the badge's colour: the outcome word, or {@code at-risk} (amber)
 * @param took the run time as a person reads it ("3.2 s")
 * @param servers one entry per MX host, in preference order: "mx1.example.com: refused"
 * @param customer the words for the customer and the advice; null for a run stored before them
 * @param grid the checks at a glance
 */
record VerdictView(
        String outcomeWord,
        String badgeWord,
        String badgeClass,
        String verdict,
        String took,
        List<String> servers,
        CustomerView customer,
        SummaryGrid grid) {

    /** The answer once the verdict (or a failure of mailflow) is known, else null. */
    static VerdictView of(RunSnapshot run, Knowledge knowledge) {
        var events = run.events();
        var verdict =
                events.stream().filter(e -> e.kind() == ProbeEvent.Kind.VERDICT).findFirst();
        var done = events.stream().filter(e -> e.kind() == ProbeEvent.Kind.DONE).findFirst();
        var event = verdict.isPresent() && run.diagnosis().isPresent() ? verdict : done;
        return event.map(e -> of(run.id(), run.state(), run.probe(), run.request(), e, knowledge))
                .orElse(null);
    }

    /**
     * The answer a VERDICT event gives (with the run's diagnosis), or a DONE event without a verdict
     * before it: mailflow failed.
     */
    static VerdictView of(
            String id,
            RunState state,
            ValidatedProbe probe,
            ProbeRequest request,
            ProbeEvent event,
            Knowledge knowledge) {
        var diagnosis = state.diagnosis();
        var customer = CustomerView.of(state, probe, knowledge).orElse(null);
        var grid = SummaryGrid.of(id, state);
        if (event.kind() == ProbeEvent.Kind.VERDICT && diagnosis.isPresent()) {
            var outcome = RunOutcome.of(diagnosis.get()).name().toLowerCase(Locale.ROOT);
            var risk = diagnosis.get().risk();
            return new VerdictView(
                    outcome,
                    risk == Risk.NONE
                            ? outcome
                            : risk.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    risk == Risk.NONE ? outcome : "at-risk",
                    UntrustedText.visible(event.text()),
                    seconds(event.at()),
                    servers(state, request),
                    customer,
                    grid);
        }
        return new VerdictView(
                "failed",
                "failed",
                "failed",
                "mailflow could not finish this run (" + event.text().toLowerCase(Locale.ROOT)
                        + "); the transcript shows how far it got.",
                seconds(event.at()),
                servers(state, request),
                customer,
                grid);
    }

    static String seconds(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** Each host once; its addresses named only when they ended differently. */
    private static List<String> servers(RunState state, ProbeRequest request) {
        var byHost = new LinkedHashMap<String, LinkedHashMap<String, List<String>>>();
        for (var row : SessionMatrix.of(state, request).rows()) {
            var ended = row.endedIn() == null ? row.outcome() : row.outcome() + " at " + row.endedIn();
            byHost.computeIfAbsent(row.host(), h -> new LinkedHashMap<>())
                    .computeIfAbsent(ended, e -> new ArrayList<>())
                    .add(row.address());
        }
        return byHost.entrySet().stream()
                .map(host -> host.getKey() + ": "
                        + (host.getValue().size() == 1
                                ? host.getValue().keySet().iterator().next()
                                : host.getValue().entrySet().stream()
                                        .map(e -> e.getKey() + " on " + String.join(", ", e.getValue()))
                                        .collect(Collectors.joining("; "))))
                .toList();
    }
}
