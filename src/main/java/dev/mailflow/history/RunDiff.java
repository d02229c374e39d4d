package dev.mailflow.history;

import java.util.List;

/**
 * What changed since the previous run of the same domain (the JSON of {@code GET
 * /api/probes/{id}/diff}).
 *
 * @param against the previous run's id; null for a first run, which has no changes
 */
public record RunDiff(String against, List<Change> changes) {

    public RunDiff {
        changes = List.copyOf(changes);
    }

    /** One fact that differs; {@code before} or {@code after} is null when the fact is new or gone. */
    public record Change(String what, String before, String after) {}
}
