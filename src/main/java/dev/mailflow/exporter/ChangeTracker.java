package dev.mailflow.exporter;

import dev.mailflow.diagnosis.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers each target and module's last outcome and findings, so that only a scrape that differs
 * from the one before reaches the run history: the history then shows when things changed, not a
 * row every few seconds. The least recently scraped pairs are forgotten beyond the bound.
 */
final class ChangeTracker {

    /** What must differ for a scrape to count as a change. */
    record Signature(String outcome, List<String> findings) {

        static Signature of(Scrape scrape) {
            var run = scrape.run();
            String outcome = scrape.overtime()
                    ? "TIMED_OUT"
                    : run.diagnosis()
                            .map(d -> d.outcome().name())
                            .orElse(run.status().name());
            var findings = run.diagnosis()
                    .map(d -> d.findings().stream()
                            .map(ChangeTracker::key)
                            .sorted()
                            .toList())
                    .orElse(List.of());
            return new Signature(outcome, findings);
        }
    }

    private final Map<String, Signature> last;

    ChangeTracker(int limit) {
        this.last = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Signature> eldest) {
                return size() > limit;
            }
        };
    }

    /** Records this scrape's signature; true when it differs from the previous one (or is the first). */
    synchronized boolean changed(ScrapeTarget target, ProbeModule module, Signature signature) {
        var previous = last.put(target + "\n" + module.name(), signature);
        return !Objects.equals(previous, signature);
    }

    private static String key(Finding finding) {
        return finding.severity() + " " + finding.id();
    }
}
