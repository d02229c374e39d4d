package dev.mailflow.posture;

import dev.mailflow.dns.RecordLookup;
import java.util.Locale;

/**
 * The DMARC record that applies to a domain, found the way the posture check finds it ({@link
 * DmarcLookup}: the domain, then its parents), for readers outside posture that recompute DMARC
 * alignment (the header analyzer, the test mailbox).
 *
 * @param organizationalDomain where the record stands ({@code _dmarc.} removed): the domain whose
 *     subdomains align with it in relaxed mode; the domain itself when no record was found
 * @param facts the record's policy and alignment modes, null when there is none
 * @param failed the lookup itself failed (timeout, SERVFAIL): nothing is known
 * @param detail why there is no record, or null
 */
public record DmarcRecord(
        String domain, String organizationalDomain, PostureFacts.Dmarc facts, boolean failed, String detail) {

    public static DmarcRecord find(RecordLookup lookup, String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        var found = new DmarcLookup(new Lookups(lookup)).find(name);
        if (found.record() == null) {
            return new DmarcRecord(name, name, null, found.failed(), found.detail());
        }
        String at = found.at().substring("_dmarc.".length());
        return new DmarcRecord(name, at, DmarcLookup.facts(found), false, null);
    }
}
