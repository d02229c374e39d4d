package dev.mailflow.exporter;

import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.RunOptions;
import java.time.Duration;
import java.util.List;

/**
 * One {@code /probe}: starts the run within the scrape's time (or joins the run of an earlier scrape
 * of the same target and module, see {@link Coalescing}), waits for it (never past the timeout),
 * writes the metrics into a registry of its own, remembers the scrape among the recent ones, and
 * hands the run to the history only when its outcome or findings changed.
 */
final class Scraper {

    private final ProbeService probes;
    private final List<ScrapeMetrics> metrics;
    private final RecentProbes recent;
    private final ChangeTracker changes;
    private final KeptRuns keeper;
    private final Coalescing coalescing;

    Scraper(
            ProbeService probes,
            List<ScrapeMetrics> metrics,
            RecentProbes recent,
            ChangeTracker changes,
            Coalescing coalescing) {
        this.probes = probes;
        this.keeper = new KeptRuns(probes);
        this.metrics = List.copyOf(metrics);
        this.recent = recent;
        this.changes = changes;
        this.coalescing = coalescing;
    }

    /**
     * @param timeout from {@link Modules#timeout}: the scrape answers by then, whatever the run's state
     * @param vantage where to run the probe (a worker of that vantage claims it); null: here. Every
     *     series then carries it as the {@code vantage} label.
     * @throws dev.mailflow.probe.InvalidProbeException when the target or the vantage is not a valid name
     * @throws dev.mailflow.probe.TooBusyException when admission or a {@code mailflow.limits} window refuses
     */
    RecentProbes.Entry scrape(
            ScrapeTarget target, ProbeModule module, Duration timeout, Requester requester, String vantage)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + timeout.toNanos();
        var request = vantage == null
                ? module.request(target)
                : module.request(target).from(List.of(vantage));
        var shared = coalescing.probe(
                target + "\n" + module.name() + "\n" + (vantage == null ? "" : vantage),
                () -> probes.start(request, requester, RunOptions.unlisted(timeout, module.posture())));
        var run = shared.run();
        var overtime = !run.awaitDone(Duration.ofNanos(end - System.nanoTime()));
        var scrape = new Scrape(
                module,
                target,
                run,
                run.sessions(),
                Duration.ofNanos(System.nanoTime() - start),
                overtime,
                shared.coalesced());
        var registry = new ScrapeRegistry(vantage);
        metrics.forEach(m -> m.write(scrape, registry));
        if (shared.coalesced()) {
            // The scrape that started the run tracks its changes and is the one among the recent probes.
            return new RecentProbes.Entry(scrape, registry.snapshots(), false);
        }
        var kept = changes.changed(target, module, ChangeTracker.Signature.of(scrape));
        if (kept) {
            keeper.keep(run);
        }
        var entry = new RecentProbes.Entry(scrape, registry.snapshots(), kept);
        recent.add(entry);
        return entry;
    }
}
