package dev.mailflow.posture;

import dev.mailflow.dns.Answer;
import dev.mailflow.posture.PostureCheck.Kind;
import dev.mailflow.posture.PostureFacts.Listing;
import dev.mailflow.posture.PostureFacts.ListingState;
import dev.mailflow.text.AddressText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS blocklists (RFC 5782): each address reversed under each zone. An answer in 127.0.0.0/8 is a
 * listing, with its TXT record as the reason; 127.255.255.0/24 is the list refusing to answer this
 * resolver (Spamhaus: open or public resolver, over quota), which is "unknown", never "listed".
 */
final class BlocklistCheck {

    private final Lookups dns;
    private final List<String> zones;

    BlocklistCheck(Lookups dns, List<String> zones) {
        this.dns = dns;
        this.zones = List.copyOf(zones);
    }

    boolean enabled() {
        return !zones.isEmpty();
    }

    /** A subject to look up: the MX host it belongs to (null for ours) and the address. */
    record Listed(String mx, InetAddress address) {}

    PostureCheck check(String domain, List<Listed> addresses) {
        var listings = new ArrayList<Listing>();
        var evidence = new ArrayList<String>();
        var notes = new ArrayList<PostureNote>();
        for (Listed subject : addresses) {
            for (String zone : zones) {
                Listing listing = lookUp(subject, zone);
                listings.add(listing);
                String who = AddressText.of(subject.address());
                switch (listing.state()) {
                    case LISTED -> {
                        evidence.add(who + " is listed in " + zone
                                + (listing.reason() == null ? "" : ": " + listing.reason()));
                        notes.add(new PostureNote(
                                subject.mx() == null ? "posture.dnsbl-ours-listed" : "posture.dnsbl-mx-listed",
                                Map.of(
                                        "address",
                                        who,
                                        "zone",
                                        zone,
                                        "host",
                                        subject.mx() == null ? who : subject.mx(),
                                        "detail",
                                        listing.reason() == null ? "no reason given" : listing.reason())));
                    }
                    case REFUSED ->
                        evidence.add(zone + " refused to answer for " + who + " (" + listing.reason() + ")");
                    case UNKNOWN -> evidence.add(zone + " gave no usable answer for " + who + ": " + listing.reason());
                    case NOT_LISTED -> evidence.add(who + " is not listed in " + zone);
                }
            }
        }
        if (listings.stream().anyMatch(l -> l.state() == ListingState.REFUSED)) {
            notes.add(new PostureNote(
                    "posture.dnsbl-refused",
                    Map.of(
                            "zones",
                            String.join(
                                    ", ",
                                    listings.stream()
                                            .filter(l -> l.state() == ListingState.REFUSED)
                                            .map(Listing::zone)
                                            .distinct()
                                            .toList()))));
        }
        PostureStatus status;
        if (listings.stream().anyMatch(l -> l.state() == ListingState.LISTED)) {
            status = listings.stream().anyMatch(l -> l.state() == ListingState.LISTED && l.mx() == null)
                    ? PostureStatus.FAIL
                    : PostureStatus.WARN;
        } else if (listings.isEmpty() || listings.stream().allMatch(l -> l.state() == ListingState.NOT_LISTED)) {
            status = listings.isEmpty() ? PostureStatus.UNKNOWN : PostureStatus.PASS;
        } else {
            status = PostureStatus.UNKNOWN;
        }
        long listed =
                listings.stream().filter(l -> l.state() == ListingState.LISTED).count();
        String summary =
                listings.isEmpty() ? "no address to look up" : summary(status, listed, zones.size(), addresses.size());
        return new PostureCheck(
                Kind.BLOCKLISTS,
                domain,
                status,
                summary,
                List.of(),
                evidence,
                notes,
                new PostureFacts.Blocklists(listings));
    }

    private Listing lookUp(Listed subject, String zone) {
        String address = AddressText.of(subject.address());
        Name name;
        try {
            Name reversed = ReverseMap.fromAddress(subject.address());
            // in-addr.arpa or ip6.arpa are the last two labels; the list replaces them.
            name = Name.concatenate(
                    new Name(reversed, 0)
                            .relativize(Name.fromString(
                                    subject.address() instanceof Inet4Address ? "in-addr.arpa." : "ip6.arpa.")),
                    Lookups.name(zone));
        } catch (TextParseException | NameTooLongException e) {
            return new Listing(subject.mx(), address, zone, ListingState.UNKNOWN, "cannot build the query name");
        }
        Answer answer = dns.answer(name, Type.A);
        if (answer.status() == Answer.Status.NXDOMAIN || answer.status() == Answer.Status.NO_DATA) {
            return new Listing(subject.mx(), address, zone, ListingState.NOT_LISTED, null);
        }
        if (answer.failed()) {
            return new Listing(subject.mx(), address, zone, ListingState.UNKNOWN, answer.detail());
        }
        List<InetAddress> codes = answer.records().stream()
                .filter(ARecord.class::isInstance)
                .map(r -> ((ARecord) r).getAddress())
                .toList();
        byte[] first = codes.getFirst().getAddress();
        if (first[0] != 127) {
            return new Listing(
                    subject.mx(),
                    address,
                    zone,
                    ListingState.UNKNOWN,
                    "answered " + AddressText.of(codes.getFirst()) + ", outside 127.0.0.0/8 (not a blocklist answer)");
        }
        if ((first[1] & 0xff) == 255 && (first[2] & 0xff) == 255) {
            return new Listing(
                    subject.mx(), address, zone, ListingState.REFUSED, "answered " + AddressText.of(codes.getFirst()));
        }
        var reason = dns.txt(name).texts().stream().findFirst().orElse("answered " + AddressText.of(codes.getFirst()));
        return new Listing(subject.mx(), address, zone, ListingState.LISTED, reason);
    }

    /** The row's line in words: "not listed on any of 3 lists", "listed once", "the lists did not answer". */
    private static String summary(PostureStatus status, long listed, int zones, int addresses) {
        var lists = zones == 1 ? "1 list" : zones + " lists";
        var checked = addresses == 1 ? "1 address" : addresses + " addresses";
        if (listed > 0) {
            return (listed == 1 ? "listed once" : "listed " + listed + " times") + " (" + checked + ", " + lists + ")";
        }
        return status == PostureStatus.PASS
                ? "not listed on any of " + lists + " (" + checked + ")"
                : "could not be checked: the lists did not answer our resolver (" + lists + ")";
    }
}
