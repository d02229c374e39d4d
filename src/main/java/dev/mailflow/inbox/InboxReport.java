package dev.mailflow.inbox;

import dev.mailflow.message.AuthResult;
import dev.mailflow.message.DkimResult;
import dev.mailflow.message.HeaderReport;
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
 * @param dkim every DKIM signature, verified when the message arrived (message's verifier)
 * @param dmarc DMARC for the From: domain from the DKIM verified and the SPF evaluated here; null
 *     when the message has no From: domain
 * @param arc the ARC headers' results as the message states them (not verified)
 * @param headers the header analysis of what arrived (hops, authentication, verdicts, findings)
 * @param size the message's size in octets, as received
 */
public record InboxReport(
        Instant receivedAt,
        Client from,
        Tls tls,
        String mailFrom,
        String headerFrom,
        Spf spf,
        List<DkimResult> dkim,
        Dmarc dmarc,
        List<AuthResult> arc,
        List<PostureFacts.Listing> blocklists,
        HeaderReport headers,
        long size,
        List<Finding> findings) {

    public InboxReport {
        dkim = dkim == null ? List.of() : List.copyOf(dkim);
        arc = arc == null ? List.of() : List.copyOf(arc);
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

    /**
     * @param result {@code pass}, {@code fail}, {@code none} (no DMARC record for the From: domain)
     *     or {@code temperror}
     * @param policy the policy that applies ({@code none}, {@code quarantine}, {@code reject}), null
     *     when none is published
     * @param reason why, when it did not pass or could not be judged
     */
    public record Dmarc(String domain, String result, String policy, Alignment alignment, String reason) {}

    /**
     * @param spf the SPF-authenticated domain aligned with From:, null when none
     * @param dkim the d= of a passing DKIM signature aligned with From:, null when none
     * @param organizationalDomain the From: domain's organizational domain relaxed alignment compares
     */
    public record Alignment(String spf, String dkim, String organizationalDomain) {}

    /**
     * A finding in mailflow's words.
     *
     * @param id the finding's key in {@code inbox/findings.properties}
     * @param owner who acts: {@code SENDER} (the sending organisation), {@code NONE} (all is well)
     */
    public record Finding(String id, String severity, String text, String owner) {}
}
