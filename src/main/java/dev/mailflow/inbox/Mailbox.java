package dev.mailflow.inbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One handed-out address and, once its message arrived, the report of that message.
 *
 * @param id the report's permalink id (128 random bits)
 * @param owner the user who asked for the address; only they and ADMINs read the report
 * @param receivedAt when the message was taken, null while waiting
 * @param report what arrived, null until it is analysed
 */
public record Mailbox(
        String id,
        String address,
        String owner,
        Instant createdAt,
        Instant expiresAt,
        Instant receivedAt,
        InboxReport report) {

    public Mailbox {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(owner, "owner");
    }

    /** RECEIVED once a message was taken, else EXPIRED after {@code expiresAt}, else WAITING. */
    public InboxStatus status(Instant now) {
        if (receivedAt != null) {
            return InboxStatus.RECEIVED;
        }
        return now.isBefore(expiresAt) ? InboxStatus.WAITING : InboxStatus.EXPIRED;
    }

    /** Whether the report is final: received and analysed, or expired. */
    public boolean settled(Instant now) {
        return report != null || status(now) == InboxStatus.EXPIRED;
    }

    boolean readableBy(String viewer, boolean seesEveryReport) {
        return seesEveryReport || owner.equals(viewer);
    }
}
