package dev.mailflow.probe;

import java.util.List;
import java.util.Optional;

/** Starts runs, finds them, and reports the pool's load. */
public class ProbeService {

    /**
     * Validates the request and starts the run in the background.
     *
     * @param owner the user starting it (null when anonymous)
     * @throws InvalidProbeException when a field is invalid (nothing is contacted)
     * @throws TooBusyException when the pool's queue is full
     */
    public ProbeRun start(ProbeRequest request, String owner) {
        throw new UnsupportedOperationException("built in the probe package work");
    }

    public Optional<ProbeRun> find(String id) {
        throw new UnsupportedOperationException("built in the probe package work");
    }

    /** The most recent runs, newest first. */
    public List<ProbeRun> recent() {
        throw new UnsupportedOperationException("built in the probe package work");
    }

    /** Sessions connected or connecting right now. */
    public int sessionsInFlight() {
        throw new UnsupportedOperationException("built in the probe package work");
    }

    /** Sessions waiting for a worker. */
    public int sessionsQueued() {
        throw new UnsupportedOperationException("built in the probe package work");
    }
}
