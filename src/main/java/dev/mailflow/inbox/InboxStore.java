package dev.mailflow.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where handed-out addresses and their reports live, shared by every replica (so the replica whose
 * listener takes the message need not be the one that handed out the address). {@code history}
 * implements it.
 */
public interface InboxStore {

    void add(Mailbox mailbox);

    Optional<Mailbox> find(String id);

    /** By address, as {@link CheckAddresses} writes it (lower case). */
    Optional<Mailbox> findByAddress(String address);

    /**
     * Takes the address for one message: true only for the one caller that found it waiting and
     * not expired at {@code at}; every other caller (a second message, a race) gets false.
     */
    boolean claim(String id, Instant at);

    /** Stores the report of the message taken by {@link #claim}; {@code body} may be null. */
    void report(String id, InboxReport report, byte[] body);

    /** The newest addresses of {@code owner} (of everyone when null), newest first. */
    List<Mailbox> recent(String owner, int limit);

    /** Deletes addresses handed out before {@code cutoff}; returns how many. */
    int purge(Instant cutoff);
}
