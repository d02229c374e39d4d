package dev.mailflow.inbox;

/** Where a one-time address stands. */
public enum InboxStatus {
    /** Handed out, not expired, no message yet. */
    WAITING,
    /** Its one message arrived; the report is there. */
    RECEIVED,
    /** Its time ran out before a message came. */
    EXPIRED
}
