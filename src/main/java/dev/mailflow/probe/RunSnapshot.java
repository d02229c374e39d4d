package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.smtp.Exchange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run as it was at one instant, read under the run's lock: the status, the sessions and the
 * events always agree (a run is over exactly when its last event is DONE). Views read this instead
 * of asking the run field by field while it moves on.
 *
 * @param probe the validated probe (without its password): what the run asked, its one domain
 * @param owner the user who started the run (null when anonymous)
 * @param sessions in the order they were started; a running session has no result yet
 * @param postureExpected whether posture checks were started (not for an explicit host, nor when off)
 * @param posture the posture checks finished so far, in the order they finished
 * @param progress the replies each running session has had so far, by session key, so a live view
 *     fills in phase by phase; a session's result replaces them once it is over
 */
public record RunSnapshot(
        String id,
        ValidatedProbe probe,
        ProbeRequest request,
        String owner,
        Instant startedAt,
        RunStatus status,
        Optional<Instant> finishedAt,
        Optional<MxPlan> plan,
        List<SessionRecord> sessions,
        Optional<Diagnosis> diagnosis,
        List<ProbeEvent> events,
        boolean postureExpected,
        List<PostureEntry> posture,
        Map<String, List<Exchange>> progress) {

    public RunSnapshot {
        sessions = List.copyOf(sessions);
        events = List.copyOf(events);
        posture = List.copyOf(posture);
        progress = Map.copyOf(progress);
    }

    /** The run's outcome once it is over; empty while it runs. */
    public Optional<RunOutcome> outcome() {
        return isDone() ? Optional.of(RunOutcome.of(status, diagnosis.orElse(null))) : Optional.empty();
    }

    public boolean isDone() {
        return status != RunStatus.RUNNING;
    }

    /** The seq of the last event, 0 before the first. */
    public long lastSeq() {
        return events.isEmpty() ? 0 : events.getLast().seq();
    }

    public Optional<SessionRecord> session(String key) {
        return sessions.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
