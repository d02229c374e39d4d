package dev.mailflow.probe;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** Sliding windows in this instance's memory: one lock, so an update sees and changes its keys alone. */
final class MemoryWindows implements WindowStore {

    /** Beyond this many keys, idle windows are swept so names seen once do not pile up. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, SlidingWindow> windows = new HashMap<>();

    MemoryWindows(Clock clock) {
        this.clock = clock;
    }

    @Override
    public <T> T update(SortedSet<String> keys, Function<Map<String, SlidingWindow>, T> change) {
        lock.lock();
        try {
            if (windows.size() > SWEEP_ABOVE) {
                var now = clock.instant();
                windows.values().removeIf(window -> window.idle(now));
            }
            var some = new LinkedHashMap<String, SlidingWindow>();
            keys.forEach(key -> some.put(key, windows.computeIfAbsent(key, k -> SlidingWindow.empty())));
            return change.apply(some);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, SlidingWindow> read(SortedSet<String> keys) {
        lock.lock();
        try {
            var copies = new LinkedHashMap<String, SlidingWindow>();
            for (var key : keys) {
                var window = windows.get(key);
                copies.put(
                        key,
                        window == null ? SlidingWindow.empty() : new SlidingWindow(window.times(), window.until()));
            }
            return copies;
        } finally {
            lock.unlock();
        }
    }
}
