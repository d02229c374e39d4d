package dev.mailflow.inbox;

import dev.mailflow.message.HeaderAnalyzer;
import dev.mailflow.message.MailReader;
import dev.mailflow.message.ReadMessage;
import dev.mailflow.message.UnreadableMessageException;
import dev.mailflow.posture.ArrivalChecks;
import dev.mailflow.posture.PostureFacts;
import dev.mailflow.posture.SpfVerdict;
import dev.mailflow.text.AddressText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report of one message: the connection's facts through posture's checks (SPF for the
 * connecting address, PTR and forward confirmation, HELO, blocklists), the message's own
 * authentication (DKIM, DMARC) and the findings that follow, in that order.
 */
final class ArrivalAnalysis {

    private final ArrivalChecks checks;
    private final MailReader reader;
    private final ArrivalAuthentication authentication;
    private final InboxFindings findings;

    ArrivalAnalysis(ArrivalChecks checks, HeaderAnalyzer headers, MailReader reader, InboxFindings findings) {
        this.checks = checks;
        this.reader = reader;
        this.authentication = new ArrivalAuthentication(headers, findings);
        this.findings = findings;
    }

    InboxReport analyse(Arrival arrival) {
        String ip = AddressText.of(arrival.client());
        var said = new ArrayList<InboxReport.Finding>();
        tls(arrival, ip, said);
        InboxReport.Client client = client(arrival, ip, said);
        InboxReport.Spf spf = spf(arrival, ip, said);
        var blocklists = blocklists(arrival, ip, said);
        var authentication = this.authentication.judge(arrival, message(arrival), spf, said);
        return new InboxReport(
                arrival.receivedAt(),
                client,
                arrival.tls(),
                arrival.mailFrom(),
                authentication.headerFrom(),
                spf,
                authentication.dkim(),
                authentication.dmarc(),
                authentication.arc(),
                blocklists,
                authentication.headers(),
                arrival.message().length,
                said);
    }

    /** The octets as a message, or null when they are none (no header fields at all). */
    private ReadMessage message(Arrival arrival) {
        try {
            return reader.readEml(arrival.message());
        } catch (UnreadableMessageException notAMessage) {
            return null;
        }
    }

    /** The connection's own facts, nothing looked up: what a report says when the analysis failed. */
    static InboxReport bare(Arrival arrival) {
        String ip = AddressText.of(arrival.client());
        return new InboxReport(
                arrival.receivedAt(),
                new InboxReport.Client(ip, null, false, arrival.helo(), false),
                arrival.tls(),
                arrival.mailFrom(),
                null,
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                null,
                arrival.message().length,
                List.of());
    }

    private void tls(Arrival arrival, String ip, List<InboxReport.Finding> said) {
        var tls = arrival.tls();
        if (tls == null) {
            said.add(findings.finding("inbox.no-tls", Map.of("ip", ip)));
        } else if (tls.version().equals("TLSv1") || tls.version().equals("TLSv1.1")) {
            said.add(findings.finding("inbox.tls-old", Map.of("version", tls.version())));
        } else {
            said.add(findings.finding("inbox.tls", Map.of("version", tls.version(), "cipher", tls.cipher())));
        }
    }

    private InboxReport.Client client(Arrival arrival, String ip, List<InboxReport.Finding> said) {
        var check = checks.sender(arrival.client(), arrival.helo());
        if (!(check.facts() instanceof PostureFacts.Egress egress)) {
            return new InboxReport.Client(ip, null, false, arrival.helo(), false);
        }
        String ptr = egress.ptr();
        if (ptr == null) {
            said.add(findings.finding("inbox.no-ptr", Map.of("ip", ip)));
        } else if (!egress.forwardConfirmed()) {
            said.add(findings.finding("inbox.ptr-not-confirmed", Map.of("ip", ip, "ptr", ptr)));
        } else {
            said.add(findings.finding("inbox.ptr-confirmed", Map.of("ip", ip, "ptr", ptr)));
        }
        if (arrival.helo() != null && !egress.ehloResolves()) {
            said.add(findings.finding(
                    "inbox.helo-mismatch",
                    Map.of("ip", ip, "helo", arrival.helo(), "ptr", ptr == null ? "(none)" : ptr)));
        }
        return new InboxReport.Client(ip, ptr, egress.forwardConfirmed(), arrival.helo(), egress.ehloResolves());
    }

    /** RFC 7208 §2.4: MAIL FROM's domain, or the HELO name for the null sender. */
    private InboxReport.Spf spf(Arrival arrival, String ip, List<InboxReport.Finding> said) {
        String mailFrom = arrival.mailFrom();
        int at = mailFrom.lastIndexOf('@');
        String domain = at > 0 ? mailFrom.substring(at + 1) : arrival.helo();
        if (domain == null || domain.isBlank()) {
            return null;
        }
        SpfVerdict verdict = checks.spf(arrival.client(), domain, at > 0 ? mailFrom : null);
        String term = verdict.mechanism() == null ? "no term matched" : verdict.mechanism();
        String detail = verdict.detail() == null ? term : verdict.detail();
        String id = switch (verdict.result()) {
            case PASS -> "inbox.spf-pass";
            case FAIL -> "inbox.spf-fail";
            case SOFTFAIL -> "inbox.spf-softfail";
            case NEUTRAL -> "inbox.spf-neutral";
            case NONE -> "inbox.spf-none";
            case PERMERROR -> "inbox.spf-permerror";
            case TEMPERROR -> "inbox.spf-temperror";
        };
        said.add(findings.finding(id, Map.of("ip", ip, "domain", domain, "term", term, "detail", detail)));
        return new InboxReport.Spf(verdict.result(), domain, verdict.mechanism(), verdict.detail());
    }

    private List<PostureFacts.Listing> blocklists(Arrival arrival, String ip, List<InboxReport.Finding> said) {
        var check = checks.blocklists(arrival.client());
        if (!(check.facts() instanceof PostureFacts.Blocklists lists)) {
            return List.of();
        }
        for (var listing : lists.listings()) {
            if (listing.state() == PostureFacts.ListingState.LISTED) {
                said.add(findings.finding(
                        "inbox.listed",
                        Map.of(
                                "ip",
                                ip,
                                "zone",
                                listing.zone(),
                                "reason",
                                listing.reason() == null ? "no reason given" : listing.reason())));
            }
        }
        return lists.listings();
    }
}
