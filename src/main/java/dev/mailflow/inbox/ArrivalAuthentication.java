package dev.mailflow.inbox;

import dev.mailflow.message.AuthResult;
import dev.mailflow.message.DkimResult;
import dev.mailflow.message.HeaderAnalyzer;
import dev.mailflow.message.HeaderReport;
import dev.mailflow.message.ReadMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The message's own authentication, judged as its receiving server: the header analysis of the
 * {@code message} package (DKIM verified now, DMARC recomputed) given the SPF result this mailbox
 * evaluated for the connecting address, and the DKIM and DMARC findings in mailflow's words.
 */
final class ArrivalAuthentication {

    /** The authserv-id of the SPF result this mailbox evaluated (RFC 8601 §2.5). */
    static final String AUTHSERV = "mailflow";

    private final HeaderAnalyzer headers;
    private final InboxFindings findings;

    ArrivalAuthentication(HeaderAnalyzer headers, InboxFindings findings) {
        this.headers = headers;
        this.findings = findings;
    }

    /** What the report shows of it; {@code headers} null when the octets are no message. */
    record Judged(HeaderReport headers, List<DkimResult> dkim, InboxReport.Dmarc dmarc, List<AuthResult> arc) {

        String headerFrom() {
            return dmarc == null ? null : dmarc.domain();
        }
    }

    /** @param message the arrival's octets as read, or null when they are no message */
    Judged judge(Arrival arrival, ReadMessage message, InboxReport.Spf spf, List<InboxReport.Finding> said) {
        HeaderReport analysis = message == null ? null : headers(arrival, message, spf);
        var dkim = analysis == null ? List.<DkimResult>of() : analysis.dkim();
        var dmarc = analysis == null ? null : dmarc(analysis);
        String headerFrom = dmarc == null ? null : dmarc.domain();
        if (headerFrom == null) {
            said.add(findings.finding("inbox.no-header-from", Map.of()));
        }
        dkim(dkim, headerFrom, said);
        if (dmarc != null) {
            said.add(dmarcFinding(dmarc, dkim));
        }
        List<AuthResult> arc = analysis == null
                ? List.of()
                : analysis.authentication().stream()
                        .filter(a -> a.method().startsWith("arc"))
                        .toList();
        return new Judged(analysis, dkim, dmarc, arc);
    }

    /**
     * The header analysis with DMARC from the DKIM verified now and the SPF evaluated here, as an
     * Authentication-Results method of {@value #AUTHSERV}.
     */
    private HeaderReport headers(Arrival arrival, ReadMessage message, InboxReport.Spf spf) {
        var properties = new HashMap<String, String>();
        if (spf != null) {
            properties.put("smtp.mailfrom", arrival.mailFrom().isEmpty() ? spf.domain() : arrival.mailFrom());
        }
        String result = spf == null ? "none" : spf.result().name().toLowerCase(Locale.ROOT);
        // As this mailbox would write it in front of the message (RFC 8601 §2.2).
        String header = "Authentication-Results: " + AUTHSERV + "; spf=" + result
                + (properties.isEmpty() ? "" : " smtp.mailfrom=" + properties.get("smtp.mailfrom"));
        var ours = new AuthResult("spf", result, AUTHSERV, properties, header);
        return headers.analyzeReceived(message, ours);
    }

    /** The DMARC result recomputed for this arrival: the last dmarc method of {@value #AUTHSERV}. */
    private static InboxReport.Dmarc dmarc(HeaderReport analysis) {
        AuthResult found = null;
        for (var result : analysis.authentication()) {
            if (result.method().equals("dmarc") && AUTHSERV.equals(result.authservId())) {
                found = result;
            }
        }
        if (found == null) {
            return null;
        }
        return new InboxReport.Dmarc(
                found.property("header.from"),
                found.result(),
                found.property("policy"),
                new InboxReport.Alignment(
                        found.property("spf.aligned"),
                        found.property("dkim.aligned"),
                        found.property("organizational-domain")),
                found.property("reason"));
    }

    private void dkim(List<DkimResult> dkim, String headerFrom, List<InboxReport.Finding> said) {
        if (dkim.isEmpty()) {
            said.add(findings.finding(
                    "inbox.dkim-none", Map.of("domain", headerFrom == null ? "your domain" : headerFrom)));
        }
        for (var signature : dkim) {
            var values = Map.of(
                    "domain", String.valueOf(signature.domain()),
                    "selector", String.valueOf(signature.selector()),
                    "reason", signature.reason() == null ? "no reason given" : signature.reason());
            said.add(findings.finding(signature.passed() ? "inbox.dkim-pass" : "inbox.dkim-fail", values));
        }
    }

    private InboxReport.Finding dmarcFinding(InboxReport.Dmarc dmarc, List<DkimResult> dkim) {
        String domain = dmarc.domain();
        var alignment = dmarc.alignment();
        switch (dmarc.result()) {
            case "pass" -> {
                String how = alignment.dkim() != null
                        ? "DKIM d=" + alignment.dkim() + " is aligned"
                        : "SPF of " + alignment.spf() + " is aligned";
                return findings.finding("inbox.dmarc-pass", Map.of("domain", domain, "how", how));
            }
            case "none" -> {
                return findings.finding("inbox.dmarc-none", Map.of("domain", domain));
            }
            default -> {
                var passing = dkim.stream().filter(DkimResult::passed).findFirst();
                if (passing.isPresent() && "fail".equals(dmarc.result())) {
                    return findings.finding(
                            "inbox.dmarc-unaligned",
                            Map.of("domain", domain, "dkim", passing.get().domain()));
                }
                String why = dmarc.reason() != null
                        ? dmarc.reason()
                        : "neither a passing DKIM signature nor a passing SPF domain is aligned with " + domain;
                return findings.finding(
                        "inbox.dmarc-fail",
                        Map.of(
                                "domain",
                                domain,
                                "why",
                                why,
                                "policy",
                                dmarc.policy() == null ? "none" : dmarc.policy()));
            }
        }
    }
}
