package dev.mailflow.exporter;

import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A scrape's families without their help text, cut into runs of consecutive samples and packed into
 * writes whose lines stay within the 512 chars a virtual thread's {@link java.io.BufferedWriter}
 * starts with (see {@link Exposition} for why that matters). The library sorts a family's samples by
 * labels and a write's families by name, so the writes in order are the scrape's lines.
 */
final class FamilyParts {

    /** The chars a write's lines are estimated to stay within: under 512, with room for escapes. */
    static final int BUDGET = 400;

    /**
     * Part of a family, without its help text.
     *
     * @param family the whole family, help included: its header is written from it
     * @param first whether this part begins its family (the header goes before it)
     */
    record Part(MetricSnapshot family, MetricSnapshot snapshot, boolean first, int size) {}

    private FamilyParts() {}

    /**
     * The families' parts packed into writes in order: consecutive parts while their size stays within
     * the budget, never two parts of one family in one write (the library refuses a name twice).
     * A family without samples is left out: the library writes nothing for it.
     */
    static List<List<Part>> packed(MetricSnapshots families) {
        var writes = new ArrayList<List<Part>>();
        var write = new ArrayList<Part>();
        int size = 0;
        for (var family : families) {
            for (var part : of(family)) {
                if (!write.isEmpty() && (size + part.size() > BUDGET || !part.first())) {
                    writes.add(write);
                    write = new ArrayList<>();
                    size = 0;
                }
                write.add(part);
                size += part.size();
            }
        }
        if (!write.isEmpty()) {
            writes.add(write);
        }
        return writes;
    }

    /** A family's parts: the family itself (without help) when it fits, or is of a type we never cut. */
    static List<Part> of(MetricSnapshot family) {
        return switch (family) {
            case GaugeSnapshot gauge -> cut(gauge, gauge.getDataPoints(), GaugeSnapshot::new);
            case InfoSnapshot info -> cut(info, info.getDataPoints(), InfoSnapshot::new);
            default -> family.getDataPoints().isEmpty() ? List.of() : List.of(new Part(family, family, true, BUDGET));
        };
    }

    private static <P extends DataPointSnapshot> List<Part> cut(
            MetricSnapshot family, List<P> points, BiFunction<MetricMetadata, List<P>, MetricSnapshot> part) {
        if (points.isEmpty()) {
            return List.of();
        }
        var metadata = withoutHelp(family.getMetadata());
        int name = metadata.getPrometheusName().length();
        // "# TYPE name gauge"
        int header = name + 16;
        var parts = new ArrayList<Part>();
        int from = 0;
        int size = header;
        for (int i = 0; i < points.size(); i++) {
            int line = line(name, points.get(i));
            if (i > from && size + line > BUDGET) {
                parts.add(new Part(family, part.apply(metadata, points.subList(from, i)), from == 0, size));
                from = i;
                size = header;
            }
            size += line;
        }
        parts.add(new Part(family, part.apply(metadata, points.subList(from, points.size())), from == 0, size));
        return parts;
    }

    private static MetricMetadata withoutHelp(MetricMetadata metadata) {
        return new MetricMetadata(
                metadata.getName(),
                metadata.getExpositionBaseName(),
                metadata.getOriginalName(),
                null,
                metadata.getUnit());
    }

    /** {@code name_info{label="value",...} 1.0}: the name, its labels, the value and the punctuation. */
    private static int line(int name, DataPointSnapshot point) {
        int size = name + 32;
        for (var label : point.getLabels()) {
            size += label.getName().length() + label.getValue().length() + 4;
        }
        return size;
    }
}
