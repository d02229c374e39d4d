package dev.mailflow.message;

import dev.mailflow.dns.RecordLookup;
import dev.mailflow.posture.DmarcRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DMARC recomputed from what passed (RFC 7489 §3.1, §4.2): the header.from domain aligns with a
 * DKIM signature that verified now (its d=) or with the SPF domain a server reported as passing
 * (smtp.mailfrom). Relaxed alignment compares organizational domains, found as the posture check
 * finds them (the DNS tree walk to the DMARC record, {@link DmarcRecord}); strict needs the same
 * name. The result is an {@link AuthResult} of method {@code dmarc} reported by {@value #AUTHSERV}.
 */
final class DmarcAlignment {

    static final String AUTHSERV = "mailflow";

    private final RecordLookup dns;

    DmarcAlignment(RecordLookup dns) {
        this.dns = dns;
    }

    /** Empty when the message has no From domain to align with. */
    Optional<AuthResult> recompute(String fromDomain, List<DkimResult> dkim, List<AuthResult> reported) {
        if (fromDomain == null) {
            return Optional.empty();
        }
        String from = fromDomain.toLowerCase(Locale.ROOT);
        var record = DmarcRecord.find(dns, from);
        var properties = new LinkedHashMap<String, String>();
        properties.put("header.from", from);
        if (record.failed()) {
            properties.put("reason", "the DMARC record could not be fetched: " + record.detail());
            return Optional.of(new AuthResult("dmarc", "temperror", AUTHSERV, properties, null));
        }
        String org = record.organizationalDomain();
        properties.put("organizational-domain", org);
        boolean strictDkim = record.facts() != null && record.facts().strictDkim();
        boolean strictSpf = record.facts() != null && record.facts().strictSpf();
        String dkimAligned = dkim.stream()
                .filter(DkimResult::passed)
                .map(DkimResult::domain)
                .filter(d -> aligned(d, from, org, strictDkim))
                .findFirst()
                .orElse(null);
        String spfDomain = spfPassDomain(reported);
        String spfAligned = spfDomain != null && aligned(spfDomain, from, org, strictSpf) ? spfDomain : null;
        if (dkimAligned != null) {
            properties.put("dkim.aligned", dkimAligned);
        }
        if (spfAligned != null) {
            properties.put("spf.aligned", spfAligned);
        }
        if (spfDomain != null) {
            properties.put("smtp.mailfrom", spfDomain);
        }
        if (record.facts() == null) {
            properties.put("reason", "no DMARC record for " + from + " or its parents");
            return Optional.of(new AuthResult("dmarc", "none", AUTHSERV, properties, null));
        }
        if (record.facts().policy() != null) {
            properties.put("policy", record.facts().policy().name().toLowerCase(Locale.ROOT));
        }
        boolean pass = dkimAligned != null || spfAligned != null;
        return Optional.of(new AuthResult("dmarc", pass ? "pass" : "fail", AUTHSERV, properties, null));
    }

    static boolean aligned(String domain, String from, String org, boolean strict) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (strict) {
            return d.equals(from);
        }
        return d.equals(org) || d.endsWith("." + org);
    }

    /** The domain of smtp.mailfrom of the first SPF pass a server reported (Received-SPF's envelope-from too). */
    private static String spfPassDomain(List<AuthResult> reported) {
        for (var result : reported) {
            if (result.method().equals("spf") && result.passed()) {
                String mailFrom = result.property("smtp.mailfrom");
                if (mailFrom == null) {
                    mailFrom = result.property("envelope-from");
                }
                if (mailFrom != null && !mailFrom.isBlank()) {
                    String m = mailFrom.replace("<", "").replace(">", "");
                    return m.substring(m.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }
}
