package dev.mailflow.probe;

import dev.mailflow.diagnosis.Finding;
import dev.mailflow.posture.PostureCheck;
import java.util.List;

/** One posture check of a run with the findings its notes became. */
public record PostureEntry(PostureCheck check, List<Finding> findings) {

    public PostureEntry {
        findings = List.copyOf(findings);
    }
}
