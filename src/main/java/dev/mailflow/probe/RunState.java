package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.posture.PostureReport;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.SessionFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run knows besides its events, as one immutable value: a run replaces it whole through one
 * update, so a reader holds a consistent state without copying anything.
 *
 * @param sessions in the order they were started; a running session has no result yet
 * @param progress the replies each running session has had so far, by session key, so a live view
 *     fills in phase by phase; a session's result replaces them once it is over
 */
public record RunState(
        RunStatus status,
        Optional<Instant> finishedAt,
        Optional<MxPlan> plan,
        List<SessionFacts> sessions,
        Map<String, List<Exchange>> progress,
        Optional<Diagnosis> diagnosis,
        Posture posture) {

    static final RunState STARTED = new RunState(
            RunStatus.RUNNING,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Map.of(),
            Optional.empty(),
            new Posture(false, List.of(), Optional.empty()));

    /**
     * The run's posture checks.
     *
     * @param expected whether checks were started (not for an explicit host, nor when off)
     * @param entries the checks finished so far, in the order they finished
     * @param report the whole posture with its typed values, once every check is over
     */
    public record Posture(boolean expected, List<PostureEntry> entries, Optional<PostureReport> report) {

        public Posture {
            entries = List.copyOf(entries);
        }

        Posture with(PostureEntry entry) {
            var all = new ArrayList<>(entries);
            all.add(entry);
            return new Posture(expected, all, report);
        }
    }

    public RunState {
        sessions = List.copyOf(sessions);
        progress = Map.copyOf(progress);
    }

    public boolean isDone() {
        return status != RunStatus.RUNNING;
    }

    /** The run's outcome once it is over; empty while it runs. */
    public Optional<RunOutcome> outcome() {
        return isDone() ? Optional.of(RunOutcome.of(status, diagnosis.orElse(null))) : Optional.empty();
    }

    public Optional<SessionFacts> session(String key) {
        return sessions.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The posture as a copy of the run needs it: whether expected, its entries, whether every check is over. */
    public CopiedPosture copiedPosture() {
        return new CopiedPosture(
                posture.expected(), posture.entries(), posture.report().isPresent());
    }

    RunState withPlan(MxPlan value) {
        return new RunState(status, finishedAt, Optional.of(value), sessions, progress, diagnosis, posture);
    }

    /** A new session, or the result of one that was running (its progress then goes). */
    RunState withSession(SessionFacts record) {
        var all = new ArrayList<>(sessions);
        if (session(record.key()).isPresent()) {
            all.replaceAll(s -> s.key().equals(record.key()) ? record : s);
        } else {
            all.add(record);
        }
        var left = new HashMap<>(progress);
        left.remove(record.key());
        return new RunState(status, finishedAt, plan, all, left, diagnosis, posture);
    }

    RunState withReply(String session, Exchange exchange) {
        var all = new HashMap<>(progress);
        var replies = new ArrayList<>(all.getOrDefault(session, List.of()));
        replies.add(exchange);
        all.put(session, List.copyOf(replies));
        return new RunState(status, finishedAt, plan, sessions, all, diagnosis, posture);
    }

    RunState withDiagnosis(Diagnosis value) {
        return new RunState(status, finishedAt, plan, sessions, progress, Optional.of(value), posture);
    }

    RunState withPostureExpected() {
        return withPosture(new Posture(true, posture.entries(), posture.report()));
    }

    RunState withPostureEntry(PostureEntry entry) {
        return withPosture(posture.with(entry));
    }

    RunState withPostureReport(PostureReport report) {
        return withPosture(new Posture(posture.expected(), posture.entries(), Optional.of(report)));
    }

    private RunState withPosture(Posture value) {
        return new RunState(status, finishedAt, plan, sessions, progress, diagnosis, value);
    }

    /**
     * What a copy of a run read from the store: plan, sessions, diagnosis and posture (whose report
     * is rebuilt from its entries once every check was over).
     */
    RunState copied(MxPlan plan, List<SessionFacts> sessions, Diagnosis diagnosis, CopiedPosture copied) {
        var report = copied.over()
                ? Optional.of(new PostureReport(
                        copied.entries().stream().map(PostureEntry::check).toList()))
                : Optional.<PostureReport>empty();
        return new RunState(
                status,
                finishedAt,
                Optional.ofNullable(plan),
                sessions,
                Map.of(),
                Optional.ofNullable(diagnosis),
                new Posture(copied.expected(), copied.entries(), report));
    }

    RunState ended(RunStatus finalStatus, Instant at) {
        return new RunState(finalStatus, Optional.ofNullable(at), plan, sessions, progress, diagnosis, posture);
    }
}
