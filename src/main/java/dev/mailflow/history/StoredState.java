package dev.mailflow.history;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.probe.CopiedPosture;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.smtp.SessionFacts;
import java.util.List;

/**
 * What a run knows besides its events, stored as one JSON document and rewritten as it changes.
 *
 * @param posture null in a run stored before posture was kept: read as none
 */
record StoredState(MxPlan plan, List<SessionFacts> sessions, Diagnosis diagnosis, CopiedPosture posture) {

    static final StoredState EMPTY = new StoredState(null, List.of(), null, CopiedPosture.NONE);

    StoredState {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        posture = posture == null ? CopiedPosture.NONE : posture;
    }

    static StoredState of(ProbeRun run) {
        return new StoredState(
                run.plan().orElse(null),
                run.sessions(),
                run.diagnosis().orElse(null),
                run.state().copiedPosture());
    }
}
