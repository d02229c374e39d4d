package dev.mailflow.probe;

/**
 * How a run came to be, for those who count what a run itself did (metrics, audit): asked here, asked
 * from vantages (its sessions are its parts', copied in as they happen), or one vantage's part of
 * another run (a run of its own, stored and leased like any other, on the instance that claimed it).
 *
 * @param fromVantages the run's sessions and plan are its parts'
 * @param partOf the id of the run this one is a vantage's part of; null for a run people asked for
 */
public record RunOrigin(boolean fromVantages, String partOf) {

    /** A run asked here, which does its sessions itself. */
    public static final RunOrigin HERE = new RunOrigin(false, null);

    /** A run asked from vantages: each part runs as a run of its own. */
    static final RunOrigin VANTAGES = new RunOrigin(true, null);

    static RunOrigin partOf(String run) {
        return new RunOrigin(false, run);
    }

    /** Whether the run is one vantage's part of another run, not a run people asked for. */
    public boolean isPart() {
        return partOf != null;
    }
}
