package dev.mailflow.posture;

import dev.mailflow.dns.DnsProperties;
import dev.mailflow.dns.RecordLookup;
import dev.mailflow.posture.PostureCheck.Kind;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The posture of a message's sender, seen from the receiving side: the same SPF evaluator, egress
 * check (PTR, forward-confirmed reverse DNS, HELO) and blocklist check a run uses for our own
 * addresses, asked about the address a message arrived from.
 */
public final class ArrivalChecks {

    private final Lookups dns;
    private final BlocklistCheck blocklists;

    ArrivalChecks(Lookups dns, List<String> zones) {
        this.dns = dns;
        this.blocklists = new BlocklistCheck(dns, zones);
    }

    /** Over the configured resolvers, with the configured blocklist zones. */
    public static ArrivalChecks from(PostureProperties properties, DnsProperties dns) {
        return new ArrivalChecks(new Lookups(new RecordLookup(dns.resolver())), properties.dnsblZones());
    }

    /** SPF's check_host() for the connecting address and the MAIL FROM (or, for {@code <>}, HELO) domain. */
    public SpfVerdict spf(InetAddress client, String domain, String sender) {
        return new SpfEvaluator(dns).evaluate(client, domain, sender);
    }

    /** The connecting address's PTR, whether it is forward-confirmed, and whether HELO resolves to it. */
    public PostureCheck sender(InetAddress client, String helo) {
        return new EgressCheck(dns).arrival(client, helo);
    }

    /** The connecting address in each configured blocklist; UNKNOWN with no facts when none is configured. */
    public PostureCheck blocklists(InetAddress client) {
        if (!blocklists.enabled()) {
            return new PostureCheck(
                    Kind.BLOCKLISTS,
                    "",
                    PostureStatus.UNKNOWN,
                    "off (mailflow.posture.dnsbl-zones is empty)",
                    List.of(),
                    List.of(),
                    List.of(),
                    null);
        }
        return blocklists.check("", List.of(new BlocklistCheck.Listed(null, client)));
    }

    /** The DMARC record that applies to {@code domain} (its own, else its organizational domain's). */
    public Optional<PostureFacts.Dmarc> dmarc(String domain) {
        var found = new DmarcLookup(dns).find(domain);
        return found.record() == null ? Optional.empty() : Optional.of(DmarcLookup.facts(found));
    }
}
