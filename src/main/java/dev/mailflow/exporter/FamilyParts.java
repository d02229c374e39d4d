package dev.mailflow.exporter;

import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A family cut into runs of consecutive samples whose lines stay within the 512 chars a virtual
 * thread's {@link java.io.BufferedWriter} starts with (see {@link Exposition} for why that matters).
 * The library sorts a family's samples by labels, so the runs in order are the family's lines.
 */
final class FamilyParts {

    /** The chars a part's lines are estimated to stay within: under 512, with room for escapes. */
    static final int BUDGET = 400;

    private FamilyParts() {}

    /** The family itself when it fits (or is of a type we never cut), else its parts in order. */
    static List<MetricSnapshot> of(MetricSnapshot family) {
        return switch (family) {
            case GaugeSnapshot gauge ->
                cut(gauge, gauge.getDataPoints(), points -> new GaugeSnapshot(gauge.getMetadata(), points));
            case InfoSnapshot info ->
                cut(info, info.getDataPoints(), points -> new InfoSnapshot(info.getMetadata(), points));
            default -> List.of(family);
        };
    }

    private static <P extends DataPointSnapshot> List<MetricSnapshot> cut(
            MetricSnapshot family, List<P> points, Function<List<P>, MetricSnapshot> part) {
        var metadata = family.getMetadata();
        int name = metadata.getPrometheusName().length();
        // "# HELP name help", "# TYPE name gauge"
        int size =
                2 * name + (metadata.getHelp() == null ? 0 : metadata.getHelp().length()) + 24;
        var parts = new ArrayList<MetricSnapshot>();
        int from = 0;
        for (int i = 0; i < points.size(); i++) {
            int line = line(name, points.get(i));
            if (i > from && size + line > BUDGET) {
                parts.add(part.apply(points.subList(from, i)));
                from = i;
                size = 0;
            }
            size += line;
        }
        if (parts.isEmpty()) {
            return List.of(family);
        }
        parts.add(part.apply(points.subList(from, points.size())));
        return parts;
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
