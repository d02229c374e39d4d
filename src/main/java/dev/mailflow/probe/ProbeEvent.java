package dev.mailflow.probe;

import dev.mailflow.smtp.Phase;

/**
 * One thing that happened in a run. Events of a run are append-only and numbered from 1 without
 * gaps; {@code at} is the monotonic offset from the run's start in milliseconds.
 *
 * @param session the session key {@code host/address:port}, null for run-level events
 * @param phase the SMTP phase, null for run-level events (DNS, verdict, done)
 */
public record ProbeEvent(long seq, long at, String session, Phase phase, Kind kind, String text) {

    public enum Kind {
        /** The MX plan is known (text: a one-line summary); run-level. */
        PLAN,
        /** A session starts (text: "host [address]:port"). */
        SESSION,
        /** A line sent by mailflow. */
        SENT,
        /** A line received from the server. */
        RECEIVED,
        /** mailflow's own note. */
        INFO,
        /** TLS handshake facts (text: protocol and cipher, or the failure). */
        TLS,
        /** Something failed (connect error, timeout, policy refusal). */
        ERROR,
        /** A session ended (text: outcome and phase). */
        OUTCOME,
        /** A diagnosis finding (text: its title); run-level. */
        FINDING,
        /** A posture check finished (text: check, status, summary); run-level. */
        POSTURE,
        /** The verdict (text: the verdict line); run-level. */
        VERDICT,
        /** The run is over; always the last event. */
        DONE
    }
}
