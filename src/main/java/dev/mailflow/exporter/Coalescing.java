package dev.mailflow.exporter;

import dev.mailflow.probe.ProbeRun;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Scrapes of one target and module within {@code mailflow.exporter.coalesce} of each other share
 * one probe: a Prometheus HA pair, or several dashboards, do not double the load on a third party's
 * mail server. The first scrape starts the probe; the others wait for the same run.
 */
final class Coalescing {

    /** Beyond this many targets, the entries older than the window are swept. */
    private static final int SWEEP_ABOVE = 1_000;

    /** The probe a scrape reads, and whether an earlier scrape started it. */
    record Shared(ProbeRun run, boolean coalesced) {}

    private record Started(long nanos, CompletableFuture<ProbeRun> run) {}

    private final long windowNanos;
    private final ConcurrentHashMap<String, Started> byTarget = new ConcurrentHashMap<>();

    Coalescing(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /**
     * The run started for {@code key} within the window, else the one {@code start} begins now.
     * When that start is refused (429), the scrapes waiting for it are refused alike.
     */
    Shared probe(String key, Supplier<ProbeRun> start) {
        if (windowNanos <= 0) {
            return new Shared(start.get(), false);
        }
        long now = System.nanoTime();
        var mine = new Started(now, new CompletableFuture<>());
        var current = byTarget.compute(
                key, (k, earlier) -> earlier != null && now - earlier.nanos() < windowNanos ? earlier : mine);
        if (current != mine) {
            try {
                return new Shared(current.run().join(), true);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException refused ? refused : e;
            }
        }
        try {
            var run = start.get();
            mine.run().complete(run);
            return new Shared(run, false);
        } catch (RuntimeException e) {
            mine.run().completeExceptionally(e);
            byTarget.remove(key, mine);
            throw e;
        } finally {
            if (byTarget.size() > SWEEP_ABOVE) {
                byTarget.values().removeIf(started -> now - started.nanos() >= windowNanos);
            }
        }
    }
}
