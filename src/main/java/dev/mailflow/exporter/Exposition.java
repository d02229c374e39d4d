package dev.mailflow.exporter;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A scrape's metrics as the scraper asked for them, written by the Prometheus client library:
 * OpenMetrics 1.0 when the {@code Accept} header names it (Prometheus sends it first), else the
 * Prometheus text format 0.0.4. The library writes what each format says: {@code +Inf}, escaped
 * label values, {@code # EOF} at the end of OpenMetrics.
 */
record Exposition(String contentType, byte[] body) {

    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();
    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();

    /** What each writer writes for no family: the end of its format. */
    private static final Map<ExpositionFormatWriter, byte[]> ENDS =
            Map.of(OPEN_METRICS, end(OPEN_METRICS), TEXT, end(TEXT));

    private static final byte[] NO_HEADER = new byte[0];

    /** The header lines of a family as the library writes them, by format, name, help and type. */
    private static final Map<Header, byte[]> HEADERS = new ConcurrentHashMap<>();

    /** More families than mailflow writes: past it a header is written each time rather than kept. */
    private static final int MOST_HEADERS = 512;

    private record Header(ExpositionFormatWriter writer, String name, String help, Class<?> type) {}

    static Exposition of(MetricSnapshots metrics, String accept) {
        var writer = accept != null && OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
        return new Exposition(writer.getContentType(), write(writer, metrics));
    }

    /** The Prometheus text format, for the debug output. */
    static String text(MetricSnapshots metrics) {
        return new String(of(metrics, null).body(), StandardCharsets.UTF_8);
    }

    /**
     * A few lines at a time (see {@link FamilyParts}), each write without the families' help texts
     * and without the format's end (what the writer writes for no family: {@code # EOF} in
     * OpenMetrics, nothing in the text format); each family's header ({@code # HELP}, {@code # TYPE})
     * put back as the library wrote it for that family once; then the end once: the same bytes as
     * writing every family in one go (ExpositionTest compares them).
     *
     * <p>Why: the library's writers buffer through a new {@link java.io.BufferedWriter}, which on a
     * virtual thread (every request here) starts at 512 chars and then grows by each write's length,
     * copying the whole buffer on every write: a 4 KB scrape took 290 µs and allocated 3.6 MB that
     * way. And they write a help text one char at a time, each char through the writer's lock: the
     * headers never change, so they are written once per family and format.
     */
    private static byte[] write(ExpositionFormatWriter writer, MetricSnapshots metrics) {
        var out = new Body(4096);
        var end = ENDS.get(writer);
        for (var write : FamilyParts.packed(metrics)) {
            int start = out.size();
            out.write(
                    writer,
                    new MetricSnapshots(
                            write.stream().map(FamilyParts.Part::snapshot).toList()));
            out.drop(end);
            out.headers(start, write, part -> part.first() ? header(writer, part.family()) : NO_HEADER);
        }
        out.writeBytes(end);
        return out.toByteArray();
    }

    private static byte[] header(ExpositionFormatWriter writer, MetricSnapshot family) {
        var metadata = family.getMetadata();
        var key = new Header(writer, metadata.getName(), metadata.getHelp(), family.getClass());
        var header = HEADERS.get(key);
        if (header == null) {
            header = headerOf(writer, family);
            if (HEADERS.size() < MOST_HEADERS) {
                HEADERS.putIfAbsent(key, header);
            }
        }
        return header;
    }

    /** What the library writes for the family before its first sample (once per family and format). */
    private static byte[] headerOf(ExpositionFormatWriter writer, MetricSnapshot family) {
        var out = new Body(256);
        out.write(writer, MetricSnapshots.of(family));
        return Arrays.copyOf(out.toByteArray(), out.commentLines(0));
    }

    private static byte[] end(ExpositionFormatWriter writer) {
        var out = new Body(16);
        out.write(writer, MetricSnapshots.of());
        return out.toByteArray();
    }

    private static final class Body extends ByteArrayOutputStream {

        Body(int size) {
            super(size);
        }

        void write(ExpositionFormatWriter writer, MetricSnapshots metrics) {
            try {
                writer.write(this, metrics);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to memory", e);
            }
        }

        /** Drops the format's end that the writer wrote after the last family. */
        void drop(byte[] end) {
            int from = count - end.length;
            if (from < 0 || !Arrays.equals(buf, from, count, end, 0, end.length)) {
                throw new IllegalStateException("the exposition writer did not end as it does for no family");
            }
            count = from;
        }

        /** Where the comment lines ({@code # TYPE}, {@code # HELP}) from {@code from} on end. */
        int commentLines(int from) {
            return pastLines(buf, from, count, true);
        }

        /**
         * Puts each part's header in place of the comment lines the writer wrote before its samples,
         * from {@code start} on. No sample line starts with {@code #}: it starts with the metric's name.
         */
        void headers(int start, List<FamilyParts.Part> parts, Function<FamilyParts.Part, byte[]> header) {
            var written = Arrays.copyOfRange(buf, start, count);
            count = start;
            int at = 0;
            for (var part : parts) {
                if (at >= written.length || written[at] != '#') {
                    throw new IllegalStateException("the exposition writer wrote no header for a part");
                }
                int samples = pastLines(written, at, written.length, true);
                at = pastLines(written, samples, written.length, false);
                writeBytes(header.apply(part));
                write(written, samples, at - samples);
            }
        }

        /**
         * From {@code at}, past the lines that are comments (with {@code comments} true: they start
         * with {@code #}) or past the sample lines (false: they do not), up to {@code end}.
         */
        private static int pastLines(byte[] bytes, int at, int end, boolean comments) {
            while (at < end && (bytes[at] == '#') == comments) {
                while (at < end && bytes[at++] != '\n') {
                    // to the end of the line
                }
            }
            return at;
        }
    }
}
