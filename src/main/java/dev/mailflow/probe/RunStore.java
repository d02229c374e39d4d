package dev.mailflow.probe;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Recent runs in memory, oldest evicted first once there are more than the bound; a run still
 * running is never evicted (their number is bounded by admission).
 */
final class RunStore {

    private final int capacity;
    private final LinkedHashMap<String, ProbeRun> runs = new LinkedHashMap<>();

    RunStore(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ProbeRun run) {
        runs.put(run.id(), run);
        Iterator<ProbeRun> oldestFirst = runs.values().iterator();
        while (runs.size() > capacity && oldestFirst.hasNext()) {
            if (oldestFirst.next().isDone()) {
                oldestFirst.remove();
            }
        }
    }

    synchronized Optional<ProbeRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    synchronized List<ProbeRun> newestFirst() {
        var list = new ArrayList<>(runs.values());
        return list.reversed();
    }
}
