package dev.mailflow.web;

import dev.mailflow.probe.ProbeRun;
import dev.mailflow.text.UntrustedText;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One line of the recent probes list.
 *
 * @param outcomeWord the run's outcome in lower case ({@code deliverable}, {@code bounce}...), or
 *     {@code running}; also the badge's CSS class
 */
record RecentRun(String id, String target, String outcomeWord, Instant startedAt) {

    private static final int SHOWN = 20;

    static List<RecentRun> of(List<ProbeRun> runs) {
        return runs.stream()
                .limit(SHOWN)
                .map(r -> new RecentRun(
                        r.id(),
                        UntrustedText.visible(RunView.target(r.request())),
                        r.outcome().map(o -> o.name().toLowerCase(Locale.ROOT)).orElse("running"),
                        r.startedAt()))
                .toList();
    }

    public String startedText() {
        return RunView.STARTED.format(startedAt);
    }
}
