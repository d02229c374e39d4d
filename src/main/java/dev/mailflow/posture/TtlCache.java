package dev.mailflow.posture;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values kept for their own time to live, at most {@code mailflow.posture.cache-ttl-max}: validated
 * DNS answers and MTA-STS policies, which scrape after scrape of one target would otherwise fetch
 * again each time. A value the loader gives no time to live (a failure, a timeout) is not kept.
 */
final class TtlCache<K, V> {

    /** A loaded value and how long it may be kept. */
    record Timed<V>(V value, Duration ttl) {}

    private record Entry<V>(V value, long expiresNanos) {}

    /** Beyond this many, expired entries are swept; if that is not enough, everything is dropped. */
    private static final int MAX_ENTRIES = 10_000;

    private final long maxNanos;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    TtlCache(Duration max) {
        this.maxNanos = max.toNanos();
    }

    V get(K key, Function<K, Timed<V>> load) {
        long now = System.nanoTime();
        var entry = entries.get(key);
        if (entry != null && entry.expiresNanos() - now > 0) {
            return entry.value();
        }
        var loaded = load.apply(key);
        long ttl = Math.min(maxNanos, loaded.ttl().toNanos());
        if (ttl > 0) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.values().removeIf(e -> e.expiresNanos() - now <= 0);
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
            }
            entries.put(key, new Entry<>(loaded.value(), now + ttl));
        }
        return loaded.value();
    }
}
