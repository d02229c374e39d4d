package dev.mailflow.probe;

import java.util.Objects;

/**
 * Who asks for a run or reads one, and what they may do beyond starting probes. The web layer
 * builds it from the signed-in user; the probe service enforces it, so no page or endpoint can
 * forget a check.
 *
 * @param name the user's name, the owner of the runs they start
 * @param maySendData whether their runs may go as far as DATA (the SENDER role)
 * @param seesEveryRun whether they may read and stream other users' runs (the ADMIN role)
 * @param machine whether a machine token signed the request in: its runs count against {@code
 *     mailflow.limits.runs-per-token}, not a person's {@code runs-per-user}
 */
public record Requester(String name, boolean maySendData, boolean seesEveryRun, boolean machine) {

    public Requester {
        Objects.requireNonNull(name, "name");
    }

    /** A person (not a machine token). */
    public Requester(String name, boolean maySendData, boolean seesEveryRun) {
        this(name, maySendData, seesEveryRun, false);
    }

    /** Who is asking in the current request; security provides it from the signed-in user. */
    public interface Current {

        Requester get();
    }

    /** Owners see their own runs; a run without an owner is visible only to those who see every run. */
    boolean mayRead(ProbeRun run) {
        return seesEveryRun || name.equals(run.owner());
    }
}
