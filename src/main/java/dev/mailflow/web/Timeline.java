package dev.mailflow.web;

import dev.mailflow.history.RunSummary;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.text.UntrustedText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The story of a domain and recipient over its runs, oldest first, one entry where the outcome
 * changed: "bounce since 10:02 (the recipient does not exist), accepted again at 10:15".
 *
 * @param entries empty when there is no story yet (fewer than two finished runs)
 */
record Timeline(List<Entry> entries) {

    /**
     * @param words how the entry starts: "bounce since", "failing since", "accepted again at"
     * @param why what the verdict said, without its "mail to ..." part; null for accepted runs
     * @param runs how many runs in a row ended so
     */
    record Entry(String outcomeWord, String words, Instant at, String atText, String why, int runs, String runId) {}

    private record Point(String id, RunOutcome outcome, Instant at, String verdict) {}

    /** @param earlier the earlier runs of the same domain and recipients, newest first */
    static Timeline of(List<RunSummary> earlier, ProbeRun run) {
        var points = new ArrayList<Point>();
        earlier.reversed().stream()
                .filter(r -> r.outcome() != null)
                .forEach(r -> points.add(new Point(r.id(), r.outcome(), r.startedAt(), r.verdict())));
        run.outcome()
                .ifPresent(o -> points.add(new Point(
                        run.id(),
                        o,
                        run.startedAt(),
                        run.diagnosis().map(d -> d.verdict()).orElse(null))));
        if (points.size() < 2) {
            return new Timeline(List.of());
        }
        var entries = new ArrayList<Entry>();
        Point previous = null;
        for (var point : points) {
            if (previous != null && previous.outcome() == point.outcome()) {
                var last = entries.removeLast();
                entries.add(new Entry(
                        last.outcomeWord(),
                        last.words(),
                        last.at(),
                        last.atText(),
                        last.why(),
                        last.runs() + 1,
                        last.runId()));
            } else {
                entries.add(new Entry(
                        point.outcome().name().toLowerCase(Locale.ROOT),
                        words(previous == null ? null : previous.outcome(), point.outcome()),
                        point.at(),
                        RunView.STARTED.format(point.at()),
                        point.outcome() == RunOutcome.DELIVERABLE ? null : why(point.verdict()),
                        1,
                        point.id()));
            }
            previous = point;
        }
        return new Timeline(List.copyOf(entries));
    }

    public boolean shown() {
        return !entries.isEmpty();
    }

    private static String words(RunOutcome before, RunOutcome now) {
        var word = now.name().toLowerCase(Locale.ROOT);
        if (before == null) {
            return word + " since";
        }
        if (now == RunOutcome.DELIVERABLE) {
            return "accepted again at";
        }
        return before == RunOutcome.DELIVERABLE ? "failing since" : word + " since";
    }

    /** "Would bounce: the recipient does not exist (mail to kate@...)." gives "the recipient does not exist". */
    static String why(String verdict) {
        if (verdict == null) {
            return null;
        }
        var text = verdict;
        var colon = text.indexOf(": ");
        if (colon >= 0 && colon < 40) {
            text = text.substring(colon + 2);
        }
        var mailTo = text.indexOf(" (mail to ");
        if (mailTo >= 0) {
            text = text.substring(0, mailTo);
        }
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return UntrustedText.shown(text, 160);
    }
}
