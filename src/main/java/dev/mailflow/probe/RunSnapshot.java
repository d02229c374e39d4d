package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.SessionFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run as it was at one instant, read under the run's lock: the state and the events always agree
 * (a run is over exactly when its last event is DONE). Whole-run views (the page, the JSON result,
 * the escalation note) read this; a live stream renders each event from {@link ProbeRun#state()}.
 *
 * @param probe the validated probe (without its password): what the run asked, its one domain
 * @param owner the user who started the run (null when anonymous)
 */
public record RunSnapshot(
        String id,
        ValidatedProbe probe,
        ProbeRequest request,
        String owner,
        Instant startedAt,
        RunState state,
        List<ProbeEvent> events) {

    public RunSnapshot {
        events = List.copyOf(events);
    }

    public RunStatus status() {
        return state.status();
    }

    public Optional<Instant> finishedAt() {
        return state.finishedAt();
    }

    public Optional<MxPlan> plan() {
        return state.plan();
    }

    public List<SessionFacts> sessions() {
        return state.sessions();
    }

    public Optional<Diagnosis> diagnosis() {
        return state.diagnosis();
    }

    public boolean postureExpected() {
        return state.posture().expected();
    }

    public List<PostureEntry> posture() {
        return state.posture().entries();
    }

    public Map<String, List<Exchange>> progress() {
        return state.progress();
    }

    /** The run's outcome once it is over; empty while it runs. */
    public Optional<RunOutcome> outcome() {
        return state.outcome();
    }

    public boolean isDone() {
        return state.isDone();
    }

    /** The seq of the last event, 0 before the first. */
    public long lastSeq() {
        return events.isEmpty() ? 0 : events.getLast().seq();
    }

    public Optional<SessionFacts> session(String key) {
        return state.session(key);
    }
}
