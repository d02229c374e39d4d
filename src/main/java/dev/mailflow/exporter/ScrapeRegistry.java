package dev.mailflow.exporter;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one scrape, like blackbox_exporter's per-probe registry: it lives for one request,
 * so one target's series never leak into another's. It builds the Prometheus client library's
 * snapshots ({@link GaugeSnapshot}, {@link InfoSnapshot}) directly, which {@link Exposition} writes
 * in the format the scraper asked for. (Registering a {@code Gauge} per family in a fresh {@code
 * PrometheusRegistry} and scraping it gave the same snapshots at several times the cost per scrape.)
 */
final class ScrapeRegistry {

    /** One family: its help, whether it is an info metric, its samples by labels (the last value wins). */
    private record Family(String help, boolean info, Map<Labels, Double> samples) {}

    private final Map<String, Family> families = new HashMap<>();

    private final String vantage;

    /** @param vantage the {@code vantage} label of every series, when the scrape asked for one; else none */
    ScrapeRegistry(String vantage) {
        this.vantage = vantage;
    }

    /**
     * Declares a gauge: every probe metric is a value measured by this scrape, as blackbox_exporter's
     * are. A family with no sample is not written (the client library writes only what has series).
     */
    ScrapeRegistry gauge(String name, String help) {
        family(name, help, false);
        return this;
    }

    /** Declares the gauge if needed and adds a sample; {@code labels} alternate names and values. */
    void set(String name, String help, double value, String... labels) {
        family(name, help, false).samples().put(labels(labels), value);
    }

    /** Adds a sample to a gauge declared before; a null label value is written empty. */
    void add(String name, double value, String... labels) {
        var family = families.get(name);
        if (family == null) {
            throw new IllegalStateException("gauge " + name + " is not declared");
        }
        family.samples().put(labels(labels), value);
    }

    /**
     * An info metric (always 1, the facts in its labels), such as {@code probe_tls_version_info}: an
     * {@code info} family in OpenMetrics, a gauge in the Prometheus text format.
     */
    void info(String name, String help, String... labels) {
        family(name, help, true).samples().put(labels(labels), 1.0);
    }

    /** The families with samples; the library sorts them by name and their samples by labels. */
    MetricSnapshots snapshots() {
        var snapshots = MetricSnapshots.builder();
        families.forEach((name, family) -> {
            if (family.samples().isEmpty()) {
                return;
            }
            if (family.info()) {
                // The library's info family is named without the suffix it writes.
                var info = InfoSnapshot.builder().name(name.substring(0, name.length() - "_info".length()));
                family.samples()
                        .keySet()
                        .forEach(labels -> info.dataPoint(
                                InfoDataPointSnapshot.builder().labels(labels).build()));
                snapshots.metricSnapshot(info.help(family.help()).build());
            } else {
                var gauge = GaugeSnapshot.builder().name(name).help(family.help());
                family.samples()
                        .forEach((labels, value) -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                                .labels(labels)
                                .value(value)
                                .build()));
                snapshots.metricSnapshot(gauge.build());
            }
        });
        return snapshots.build();
    }

    private Family family(String name, String help, boolean info) {
        return families.computeIfAbsent(name, n -> new Family(help, info, new LinkedHashMap<>()));
    }

    /** The scrape's {@code vantage} label first, when it asked for one; null values written empty. */
    private Labels labels(String[] labels) {
        int offset = vantage == null ? 0 : 1;
        int count = labels.length / 2 + offset;
        if (count == 0) {
            return Labels.EMPTY;
        }
        var names = new String[count];
        var values = new String[count];
        if (vantage != null) {
            names[0] = "vantage";
            values[0] = vantage;
        }
        for (int i = offset; i < count; i++) {
            names[i] = labels[2 * (i - offset)];
            var value = labels[2 * (i - offset) + 1];
            values[i] = value == null ? "" : value;
        }
        return Labels.of(names, values);
    }
}
