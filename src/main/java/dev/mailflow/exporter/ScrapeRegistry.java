package dev.mailflow.exporter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of one scrape, like blackbox_exporter's per-probe registry: nothing outlives the
 * request, so one target's series never leak into another's. Written in the Prometheus text format
 * 0.0.4, families sorted by name.
 */
final class ScrapeRegistry {

    /** One series: label names and values in order, and its value. */
    record Sample(Map<String, String> labels, double value) {}

    /** Every probe metric is a gauge: a value measured by this scrape, as blackbox_exporter's are. */
    private record Family(String help, List<Sample> samples) {}

    private final Map<String, Family> families = new TreeMap<>();
    private final String vantage;

    /** @param vantage the {@code vantage} label of every series, when the scrape asked for one; else none */
    ScrapeRegistry(String vantage) {
        this.vantage = vantage;
    }

    /** Declares a family, so it is written (with HELP and TYPE) even when it has no sample. */
    ScrapeRegistry gauge(String name, String help) {
        families.computeIfAbsent(name, n -> new Family(help, new ArrayList<>()));
        return this;
    }

    /** Declares the family if needed and adds a sample; {@code labels} alternate names and values. */
    void set(String name, String help, double value, String... labels) {
        gauge(name, help);
        add(name, value, labels);
    }

    /** Adds a sample to a family declared before. */
    void add(String name, double value, String... labels) {
        var map = new LinkedHashMap<String, String>();
        if (vantage != null) {
            map.put("vantage", vantage);
        }
        for (int i = 0; i + 1 < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1] == null ? "" : labels[i + 1]);
        }
        families.get(name).samples().add(new Sample(map, value));
    }

    String text() {
        var out = new StringBuilder(2048);
        families.forEach((name, family) -> {
            out.append("# HELP ").append(name).append(' ').append(family.help()).append('\n');
            out.append("# TYPE ").append(name).append(" gauge\n");
            for (var sample : family.samples()) {
                out.append(name);
                if (!sample.labels().isEmpty()) {
                    out.append('{');
                    var first = true;
                    for (var label : sample.labels().entrySet()) {
                        out.append(first ? "" : ",").append(label.getKey()).append("=\"");
                        escape(label.getValue(), out);
                        out.append('"');
                        first = false;
                    }
                    out.append('}');
                }
                out.append(' ').append(number(sample.value())).append('\n');
            }
        });
        return out.toString();
    }

    /** Label values may come from remote servers (certificate names): escaped as the format demands. */
    private static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
