package dev.mailflow.probe;

import dev.mailflow.smtp.Phase;

/**
 * One thing that happened in a run. Events of a run are append-only and numbered from 1 without
 * gaps; {@code at} is the monotonic offset from the run's start in milliseconds.
 *
 * @param session the session key {@code host/address:port}, null for run-level events
 * @param phase the SMTP phase, null for run-level events (DNS, verdict, done)
 * @param detail the facts behind the text where the engine knows them, else null
 */
public record ProbeEvent(long seq, long at, String session, Phase phase, Kind kind, String text, EventDetail detail) {

    public ProbeEvent(long seq, long at, String session, Phase phase, Kind kind, String text) {
        this(seq, at, session, phase, kind, text, null);
    }

    /** The detail when it is of {@code type}, else null. */
    public <T extends EventDetail> T detail(Class<T> type) {
        return type.isInstance(detail) ? type.cast(detail) : null;
    }

    public enum Kind {
        /** The MX plan is known (text: a one-line summary); run-level. */
        PLAN,
        /** A session starts (text: "host [address]:port"; detail: {@link EventDetail.Session}). */
        SESSION,
        /** A line sent by mailflow. */
        SENT,
        /** A line received from the server (detail: {@link EventDetail.Reply} when it has a code). */
        RECEIVED,
        /** mailflow's own note (detail: {@link EventDetail.Connected} for the connect). */
        INFO,
        /** TLS handshake facts (text: protocol and cipher, or the failure; detail: {@link EventDetail.Tls}). */
        TLS,
        /** Something failed (connect error, timeout, policy refusal). */
        ERROR,
        /** A session ended (text: outcome and phase; detail: {@link EventDetail.Outcome}). */
        OUTCOME,
        /** A diagnosis finding (text: its title; detail: {@link EventDetail.Finding}); run-level. */
        FINDING,
        /** A posture check finished (text: check, status, summary; detail: {@link EventDetail.Posture}); run-level. */
        POSTURE,
        /** The verdict (text: the verdict line; detail: {@link EventDetail.Verdict}); run-level. */
        VERDICT,
        /** The run is over; always the last event (detail: {@link EventDetail.Done}). */
        DONE
    }
}
