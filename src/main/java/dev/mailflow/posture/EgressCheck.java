package dev.mailflow.posture;

import dev.mailflow.dns.Answer;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.posture.PostureCheck.Kind;
import dev.mailflow.text.AddressText;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * "Is it us?": each of our sending addresses with its reverse name (PTR), whether that name
 * resolves back to the address (forward-confirmed reverse DNS, RFC 8601 §3's "iprev"), and, for
 * the address the sessions sent from, whether the EHLO name resolves to it. Many receivers reject
 * or score down a mismatch.
 */
final class EgressCheck {

    private final Lookups dns;

    EgressCheck(Lookups dns) {
        this.dns = dns;
    }

    List<PostureCheck> check(List<InetAddress> addresses, boolean configured, String ehlo) {
        if (addresses.isEmpty()) {
            return List.of(new PostureCheck(
                    Kind.EGRESS,
                    "",
                    PostureStatus.UNKNOWN,
                    "no route to any MX address, so no sending address to check",
                    List.of(),
                    List.of(),
                    List.of(),
                    null));
        }
        return addresses.stream().map(a -> check(a, configured, ehlo)).toList();
    }

    /**
     * The address a message arrived from, looked up whatever its range (a relay inside the
     * network is still worth naming), with the HELO name it greeted with.
     */
    PostureCheck arrival(InetAddress address, String helo) {
        return lookedUp(address, false, true, helo);
    }

    private PostureCheck check(InetAddress address, boolean configured, String ehlo) {
        String shown = AddressText.of(address);
        if (!configured && TargetPolicy.reservedRange(address)) {
            var note = new PostureNote("posture.egress-private", Map.of("address", shown));
            return new PostureCheck(
                    Kind.EGRESS,
                    shown,
                    PostureStatus.UNKNOWN,
                    shown + " is a private address: the world sees another one",
                    List.of(),
                    List.of(),
                    List.of(note),
                    new PostureFacts.Egress(shown, null, false, false, false));
        }
        return lookedUp(address, configured, !configured, ehlo);
    }

    /** PTR, forward confirmation and, when {@code judgeEhlo}, whether the EHLO name resolves to the address. */
    private PostureCheck lookedUp(InetAddress address, boolean configured, boolean judgeEhlo, String ehlo) {
        String shown = AddressText.of(address);
        var records = new ArrayList<String>();
        var evidence = new ArrayList<String>();
        var notes = new ArrayList<PostureNote>();
        Answer reverse = dns.answer(ReverseMap.fromAddress(address), Type.PTR);
        List<Name> names = reverse.records().stream()
                .filter(PTRRecord.class::isInstance)
                .map(r -> ((PTRRecord) r).getTarget())
                .toList();
        names.forEach(n -> records.add(ReverseMap.fromAddress(address).toString(true) + " PTR " + n.toString(true)));
        if (reverse.failed()) {
            return new PostureCheck(
                    Kind.EGRESS,
                    shown,
                    PostureStatus.UNKNOWN,
                    "the PTR lookup failed: " + reverse.detail(),
                    records,
                    List.of(),
                    List.of(),
                    new PostureFacts.Egress(shown, null, false, false, configured));
        }
        String ptr = names.isEmpty() ? null : names.getFirst().toString(true);
        boolean confirmed =
                names.stream().limit(10).anyMatch(n -> dns.addresses(n).list().contains(address));
        if (ptr == null) {
            notes.add(new PostureNote("posture.egress-no-ptr", Map.of("address", shown)));
        } else {
            evidence.add(shown + " has PTR " + ptr);
            evidence.add(confirmed ? ptr + " resolves back to " + shown : ptr + " does not resolve back to " + shown);
            if (!confirmed) {
                notes.add(new PostureNote("posture.egress-not-confirmed", Map.of("address", shown, "ptr", ptr)));
            }
        }
        boolean ehloResolves = false;
        if (judgeEhlo && ehlo != null) {
            try {
                ehloResolves = dns.addresses(Lookups.name(ehlo)).list().contains(address);
            } catch (TextParseException notAName) {
                ehloResolves = false;
            }
            evidence.add("EHLO " + ehlo + (ehloResolves ? " resolves to " : " does not resolve to ") + shown);
            if (!ehloResolves) {
                notes.add(new PostureNote("posture.egress-ehlo-mismatch", Map.of("address", shown, "ehlo", ehlo)));
            }
        }
        PostureStatus status = ptr == null || !confirmed
                ? PostureStatus.FAIL
                : (judgeEhlo && !ehloResolves ? PostureStatus.WARN : PostureStatus.PASS);
        String summary = ptr == null
                ? shown + " has no PTR"
                : shown + " → " + ptr + (confirmed ? " (confirmed)" : " (not confirmed)");
        return new PostureCheck(
                Kind.EGRESS,
                shown,
                status,
                summary,
                records,
                evidence,
                notes,
                new PostureFacts.Egress(shown, ptr, confirmed, ehloResolves, configured));
    }
}
