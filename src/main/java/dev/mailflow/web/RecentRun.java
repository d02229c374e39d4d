package dev.mailflow.web;

import dev.mailflow.history.ListedRun;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.ValidatedProbe;
import dev.mailflow.text.UntrustedText;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of the recent probes list.
 *
 * @param outcomeWord the run's outcome in lower case ({@code deliverable}, {@code bounce}...), or
 *     {@code running}; also the badge's CSS class
 */
record RecentRun(String id, String target, String outcomeWord, Instant startedAt) {

    static final int SHOWN = 20;

    private static final Comparator<RecentRun> NEWEST_FIRST = Comparator.comparing(RecentRun::startedAt)
            .thenComparing(RecentRun::id)
            .reversed();

    /**
     * The runs this instance holds and the stored ones, newest first. A run held here is shown as it
     * stands now: its stored row is written a moment later.
     */
    static List<RecentRun> of(List<ProbeRun> held, List<ListedRun> stored) {
        var byId = new LinkedHashMap<String, RecentRun>();
        held.stream().limit(SHOWN).forEach(r -> byId.put(r.id(), of(r.id(), r.probe(), r.outcome(), r.startedAt())));
        stored.forEach(r -> byId.putIfAbsent(r.id(), of(r.id(), r.probe(), r.outcome(), r.startedAt())));
        return byId.values().stream().sorted(NEWEST_FIRST).limit(SHOWN).toList();
    }

    private static RecentRun of(String id, ValidatedProbe probe, Optional<RunOutcome> outcome, Instant startedAt) {
        return new RecentRun(
                id,
                UntrustedText.visible(RunView.target(probe)),
                outcome.map(o -> o.name().toLowerCase(Locale.ROOT)).orElse("running"),
                startedAt);
    }

    public String startedText() {
        return RunView.STARTED.format(startedAt);
    }
}
