package dev.mailflow.history;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.SessionRecord;
import java.util.List;

/** What a run knows besides its events, stored as one JSON document and rewritten as it changes. */
record RunState(MxPlan plan, List<SessionRecord> sessions, Diagnosis diagnosis) {

    static final RunState EMPTY = new RunState(null, List.of(), null);

    RunState {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    static RunState of(ProbeRun run) {
        return new RunState(
                run.plan().orElse(null), run.sessions(), run.diagnosis().orElse(null));
    }
}
