package dev.mailflow.web;

import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.probe.RunState;
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
 *     {@code failed}; also the badge's CSS class
 * @param took the run time as a person reads it ("3.2 s")
 * @param servers one entry per MX host, in preference order: "mx1.example.com: refused"
 */
record VerdictView(String outcomeWord, String verdict, String took, List<String> servers) {

    /** The answer once the verdict (or a failure of mailflow) is known, else null. */
    static VerdictView of(RunSnapshot run) {
        var events = run.events();
        var verdict =
                events.stream().filter(e -> e.kind() == ProbeEvent.Kind.VERDICT).findFirst();
        var done = events.stream().filter(e -> e.kind() == ProbeEvent.Kind.DONE).findFirst();
        if (verdict.isPresent() && run.diagnosis().isPresent()) {
            return of(run.state(), run.request(), verdict.get());
        }
        return done.map(d -> of(run.state(), run.request(), d)).orElse(null);
    }

    /**
     * The answer a VERDICT event gives (with the run's diagnosis), or a DONE event without a verdict
     * before it: mailflow failed.
     */
    static VerdictView of(RunState state, ProbeRequest request, ProbeEvent event) {
        var diagnosis = state.diagnosis();
        if (event.kind() == ProbeEvent.Kind.VERDICT && diagnosis.isPresent()) {
            return new VerdictView(
                    RunOutcome.of(diagnosis.get()).name().toLowerCase(Locale.ROOT),
                    UntrustedText.visible(event.text()),
                    seconds(event.at()),
                    servers(state, request));
        }
        return new VerdictView(
                "failed",
                "mailflow could not finish this run (" + event.text().toLowerCase(Locale.ROOT)
                        + "); the transcript shows how far it got.",
                seconds(event.at()),
                servers(state, request));
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
