package dev.mailflow.exporter;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last scrapes, oldest dropped first (blackbox_exporter's {@code --history.limit}): enough to
 * read why a recent probe failed without storing every scrape.
 */
final class RecentProbes {

    /** A finished scrape with the metrics it answered. */
    record Entry(Scrape scrape, MetricSnapshots metrics, boolean kept) {}

    private final Map<String, Entry> byRunId;

    RecentProbes(int limit) {
        this.byRunId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RecentProbes.Entry> eldest) {
                return size() > limit;
            }
        };
    }

    synchronized void add(Entry entry) {
        byRunId.put(entry.scrape().run().id(), entry);
    }

    synchronized Optional<Entry> find(String runId) {
        return Optional.ofNullable(byRunId.get(runId));
    }
}
