package dev.mailflow.inbox;

import dev.mailflow.posture.PostureFacts;
import dev.mailflow.posture.SpfResult;
import java.time.Instant;
import java.util.List;

/**
 * What arrived at a one-time address and how the sending side looks: the connection (address,
 * PTR, HELO), TLS, the envelope and the header sender, SPF for the connecting address, DKIM and
 * DMARC of the message, the connecting address in the blocklists, and findings in mailflow's words.
 * Every text field that came from the sender is kept as received and escaped where it is shown.
 *
 * @param from the connecting client
 * @param tls null when the message came in plain text
 * @param mailFrom the envelope sender ({@code ""} for the null sender)
 * @param headerFrom the domain of the message's From: header, null when it has none
 * @param size the message's size in octets, as received
 */
public record InboxReport(
        Instant receivedAt,
        Client from,
        Tls tls,
        String mailFrom,
        String headerFrom,
        Spf spf,
        List<Dkim> dkim,
        Dmarc dmarc,
        List<PostureFacts.Listing> blocklists,
        long size,
        List<Finding> findings) {

    public InboxReport {
        dkim = dkim == null ? List.of() : List.copyOf(dkim);
        blocklists = blocklists == null ? List.of() : List.copyOf(blocklists);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * @param ptr the address's reverse name, null when none
     * @param fcrdns whether that name resolves back to the address
     * @param heloResolves whether the HELO/EHLO name resolves to the address
     */
    public record Client(String ip, String ptr, boolean fcrdns, String helo, boolean heloResolves) {}

    public record Tls(String version, String cipher) {}

    /**
     * @param domain the domain checked: MAIL FROM's, or HELO's for the null sender
     * @param term the term that decided, null when none did
     */
    public record Spf(SpfResult result, String domain, String term, String detail) {}

    /** One DKIM signature and what its verification said. */
    public record Dkim(String domain, String selector, String algorithm, String result, String reason) {}

    /**
     * @param result {@code pass}, {@code fail} or {@code none} (no DMARC record for the From: domain)
     * @param policy the policy that applies, null when none is published
     */
    public record Dmarc(String result, PostureFacts.DmarcPolicy policy, Alignment alignment) {}

    /** Whether SPF and DKIM passed for a domain aligned with From:, and the mode each is judged in. */
    public record Alignment(boolean spf, boolean dkim, boolean strictSpf, boolean strictDkim) {}

    /**
     * A finding in mailflow's words.
     *
     * @param id the finding's key in {@code inbox/findings.properties}
     * @param owner who acts: {@code SENDER} (the sending organisation), {@code NONE} (all is well)
     */
    public record Finding(String id, String severity, String text, String owner) {}
}
