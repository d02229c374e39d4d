package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.smtp.SessionFacts;
import java.time.Instant;
import java.util.List;

/**
 * A run recorded elsewhere (stored earlier, or running on another replica), rebuilt from the store
 * and kept up to date by it. Readers wait on {@link #run()} exactly as on a run executing here.
 */
public final class RunCopy {

    private final ProbeRun run;

    /** A copy is never counted or audited here (the instance that ran it did), so its origin is not kept. */
    public RunCopy(String id, ValidatedProbe probe, ProbeRequest request, String owner, Instant startedAt) {
        this.run =
                new ProbeRun(id, probe, request, owner, startedAt, System.nanoTime(), RunArchive.NONE, RunOrigin.HERE);
    }

    public ProbeRun run() {
        return run;
    }

    /** The seq of the last event copied so far (0 before the first). */
    public long lastSeq() {
        return run.eventCount();
    }

    /** The next event in sequence; any other is ignored, so a re-read never duplicates. */
    public void add(ProbeEvent event) {
        run.log().copy(event);
    }

    public void state(MxPlan plan, List<SessionFacts> sessions, Diagnosis diagnosis, CopiedPosture posture) {
        run.copyState(s -> s.copied(plan, sessions, diagnosis, posture));
    }

    /** Ends the copy: its DONE event, if any, was copied already. */
    public void end(RunStatus status, Instant finishedAt) {
        run.end(status, finishedAt);
    }

    /**
     * Copies the last events (DONE among them) and ends the copy in one step, as a run ending here
     * does: a reader woken by DONE reads the final status, never RUNNING.
     */
    public void end(List<ProbeEvent> last, RunStatus status, Instant finishedAt) {
        run.log().locked(() -> {
            last.forEach(this::add);
            run.end(status, finishedAt);
        });
    }
}
