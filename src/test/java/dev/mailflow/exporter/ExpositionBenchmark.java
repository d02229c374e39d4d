package dev.mailflow.exporter;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * CPU per scrape of writing a scrape's metrics ({@link Exposition}) on virtual threads, as requests
 * are served: 22 families like a domain target's with posture (help texts of 60-odd chars, some
 * families with a sample per phase), 8 threads, both formats. Prints figures; asserts nothing.
 * Usage: bench/exposition.sh [scrapes per thread]
 */
public final class ExpositionBenchmark {

    private static final String[] PHASES = {"CONNECT", "BANNER", "EHLO", "STARTTLS", "MAIL", "RCPT", "QUIT"};

    private ExpositionBenchmark() {}

    static ScrapeRegistry scrape() {
        var registry = new ScrapeRegistry(null);
        for (int f = 0; f < 22; f++) {
            var name = "probe_family_" + f;
            var help = "Whether the session with this MX address reached the stop-point (" + f + ")";
            if (f % 4 == 0) {
                for (var phase : PHASES) {
                    registry.set(
                            name, help, 0.0123 * f, "mx", "mx.bench.test", "address", "192.0.2.25", "phase", phase);
                }
            } else if (f % 3 == 0) {
                registry.set(name, help, f, "mx", "mx.bench.test", "address", "192.0.2.25");
            } else {
                registry.set(name, help, f);
            }
        }
        return registry;
    }

    public static void main(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int threads = 8;
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var metrics = scrape().snapshots();
        System.out.printf(
                "== Exposition of one scrape: %d families, %d bytes (text format), %d virtual threads%n",
                metrics.size(), Exposition.of(metrics, null).body().length, threads);
        for (var accept : new String[] {null, "application/openmetrics-text;version=1.0.0", null}) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                var done = new ArrayList<Future<?>>();
                for (int t = 0; t < threads; t++) {
                    done.add(executor.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            Exposition.of(metrics, accept);
                        }
                        return null;
                    }));
                }
                for (var each : done) {
                    each.get();
                }
            }
            double scrapes = (double) threads * perThread;
            System.out.printf(
                    "%-12s CPU per scrape %6.1f µs   wall per scrape %6.1f µs%n",
                    accept == null ? "text 0.0.4" : "OpenMetrics",
                    (os.getProcessCpuTime() - cpu) / 1e3 / scrapes,
                    (System.nanoTime() - wall) / 1e3 / scrapes);
        }
    }
}
