package dev.mailflow.probe;

import java.util.List;

/**
 * A run's posture as it is stored and copied back: whether checks were started, the checks
 * finished so far, and whether all of them are over (the live run then has its {@code
 * PostureReport}, rebuilt from the entries on a copy).
 */
public record CopiedPosture(boolean expected, List<PostureEntry> entries, boolean over) {

    public static final CopiedPosture NONE = new CopiedPosture(false, List.of(), false);

    public CopiedPosture {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
