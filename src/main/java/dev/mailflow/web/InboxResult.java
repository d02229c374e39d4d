package dev.mailflow.web;

import dev.mailflow.inbox.InboxReport;
import dev.mailflow.inbox.InboxStatus;
import dev.mailflow.inbox.Mailbox;
import dev.mailflow.message.AuthResult;
import dev.mailflow.message.DkimResult;
import dev.mailflow.message.HeaderReport;
import dev.mailflow.posture.PostureFacts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code GET /api/inbox/{id}}: the address, where it stands, and the report of what arrived (its
 * fields null or empty while waiting, and between the message's arrival and the end of its analysis).
 */
record InboxResult(
        String id,
        String address,
        InboxStatus status,
        Instant expiresAt,
        Instant receivedAt,
        boolean analysed,
        InboxReport.Client from,
        InboxReport.Tls tls,
        String mailFrom,
        String headerFrom,
        InboxReport.Spf spf,
        List<DkimResult> dkim,
        InboxReport.Dmarc dmarc,
        List<AuthResult> arc,
        List<PostureFacts.Listing> blocklists,
        HeaderReport headers,
        Long size,
        List<InboxReport.Finding> findings) {

    static InboxResult of(Mailbox mailbox, Instant now) {
        var r = mailbox.report();
        return new InboxResult(
                mailbox.id(),
                mailbox.address(),
                mailbox.status(now),
                mailbox.expiresAt(),
                mailbox.receivedAt(),
                r != null,
                r == null ? null : r.from(),
                r == null ? null : r.tls(),
                r == null ? null : r.mailFrom(),
                r == null ? null : r.headerFrom(),
                r == null ? null : r.spf(),
                r == null ? List.of() : r.dkim(),
                r == null ? null : r.dmarc(),
                r == null ? List.of() : r.arc(),
                r == null ? List.of() : r.blocklists(),
                r == null ? null : r.headers(),
                r == null ? null : r.size(),
                r == null ? List.of() : r.findings());
    }

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** For the pages: when the address stops taking its message, UTC. */
    public String shownExpiry() {
        return SHOWN.format(expiresAt);
    }

    /** For the pages: when the message arrived, UTC; empty while waiting. */
    public String shownReceipt() {
        return receivedAt == null ? "" : SHOWN.format(receivedAt);
    }

    /** {@code POST /api/inbox}'s answer. */
    record Created(String id, String address, Instant expiresAt) {}
}
