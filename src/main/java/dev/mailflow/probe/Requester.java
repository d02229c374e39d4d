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
 */
public record Requester(String name, boolean maySendData, boolean seesEveryRun) {

    public Requester {
        Objects.requireNonNull(name, "name");
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
