package dev.mailflow.exporter;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A scrape's metrics as the scraper asked for them, written by the Prometheus client library:
 * OpenMetrics 1.0 when the {@code Accept} header names it (Prometheus sends it first), else the
 * Prometheus text format 0.0.4. The library writes what each format says: {@code +Inf}, escaped
 * label values, {@code # EOF} at the end of OpenMetrics.
 */
record Exposition(String contentType, byte[] body) {

    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();
    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();

    static Exposition of(MetricSnapshots metrics, String accept) {
        var writer = accept != null && OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
        var out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to memory", e);
        }
        return new Exposition(writer.getContentType(), out.toByteArray());
    }

    /** The Prometheus text format, for the debug output. */
    static String text(MetricSnapshots metrics) {
        return new String(of(metrics, null).body(), StandardCharsets.UTF_8);
    }
}
