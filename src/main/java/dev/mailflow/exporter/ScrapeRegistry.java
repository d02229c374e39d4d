package dev.mailflow.exporter;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The metrics of one scrape, like blackbox_exporter's per-probe registry: a {@link
 * PrometheusRegistry} of the Prometheus client library that lives for one request, so one target's
 * series never leak into another's. {@link Exposition} writes it in the format the scraper asked for.
 */
final class ScrapeRegistry {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, String> helps = new HashMap<>();
    private final Map<String, Gauge> gauges = new HashMap<>();

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
        helps.putIfAbsent(name, help);
        return this;
    }

    /** Declares the gauge if needed and adds a sample; {@code labels} alternate names and values. */
    void set(String name, String help, double value, String... labels) {
        gauge(name, help);
        add(name, value, labels);
    }

    /** Adds a sample to a gauge declared before; a null label value is written empty. */
    void add(String name, double value, String... labels) {
        var all = withVantage(labels);
        var gauge = gauges.computeIfAbsent(
                name,
                n -> Gauge.builder()
                        .name(n)
                        .help(helps.get(n))
                        .labelNames(names(all))
                        .withoutExemplars()
                        .register(registry));
        gauge.labelValues(values(all)).set(value);
    }

    /**
     * An info metric (always 1, the facts in its labels), such as {@code probe_tls_version_info}: an
     * {@code info} family in OpenMetrics, a gauge in the Prometheus text format.
     */
    void info(String name, String help, String... labels) {
        var all = withVantage(labels);
        Info.builder()
                .name(name)
                .help(help)
                .labelNames(names(all))
                .register(registry)
                .addLabelValues(values(all));
    }

    MetricSnapshots snapshots() {
        return registry.scrape();
    }

    /** The scrape's {@code vantage} label first, when it asked for one. */
    private String[] withVantage(String[] labels) {
        if (vantage == null) {
            return labels;
        }
        var all = new String[labels.length + 2];
        all[0] = "vantage";
        all[1] = vantage;
        System.arraycopy(labels, 0, all, 2, labels.length);
        return all;
    }

    private static String[] names(String[] labels) {
        var names = new String[labels.length / 2];
        Arrays.setAll(names, i -> labels[2 * i]);
        return names;
    }

    private static String[] values(String[] labels) {
        var values = new String[labels.length / 2];
        Arrays.setAll(values, i -> labels[2 * i + 1] == null ? "" : labels[2 * i + 1]);
        return values;
    }
}
