package dev.mailflow.probe;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The admission log of a single instance: sliding windows in memory under one lock. */
final class MemoryAdmissions implements AdmissionLog {

    /** Beyond this many keys, empty windows are swept so names seen once do not pile up. */
    private static final int SWEEP_ABOVE = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ArrayDeque<Instant>> windows = new HashMap<>();

    @Override
    public <T> T locked(Supplier<T> decision) {
        lock.lock();
        try {
            return decision.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Instant> since(String window, String key, Instant since) {
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(times -> {
                expire(times, since);
                return times.isEmpty();
            });
        }
        var times = windows.computeIfAbsent(window + "\n" + key, k -> new ArrayDeque<>());
        expire(times, since);
        return List.copyOf(times);
    }

    @Override
    public void add(String window, String key, Instant at) {
        windows.computeIfAbsent(window + "\n" + key, k -> new ArrayDeque<>()).addLast(at);
    }

    private static void expire(ArrayDeque<Instant> times, Instant since) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.removeFirst();
        }
    }
}
