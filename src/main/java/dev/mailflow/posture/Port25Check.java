package dev.mailflow.posture;

import dev.mailflow.dns.HostLiteral;
import dev.mailflow.dns.HostPort;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.posture.PostureCheck.Kind;
import dev.mailflow.text.AddressText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.TextParseException;

/**
 * "Is our outbound port 25 blocked?": when every session timed out at connect, mailflow tries the
 * configured reference hosts. If they do not answer either, the block is on our side (egress
 * firewall, a provider that blocks port 25), not the recipient's.
 */
final class Port25Check {

    private final Lookups dns;
    private final TargetPolicy egress;
    private final List<HostPort> references;
    private final Duration timeout;

    Port25Check(Lookups dns, TargetPolicy egress, List<HostPort> references, Duration timeout) {
        this.dns = dns;
        this.egress = egress;
        this.references = List.copyOf(references);
        this.timeout = timeout;
    }

    PostureCheck check(String domain, List<SessionSeen> sessions) {
        boolean allTimedOut = !sessions.isEmpty() && sessions.stream().allMatch(SessionSeen::connectTimedOut);
        if (!allTimedOut) {
            String summary = sessions.isEmpty() ? "no session ran" : "the sessions got past the TCP connect";
            return result(
                    domain,
                    sessions.isEmpty() ? PostureStatus.UNKNOWN : PostureStatus.PASS,
                    summary,
                    List.of(),
                    List.of(),
                    new PostureFacts.Port25(false, List.of(), List.of()));
        }
        if (references.isEmpty()) {
            return result(
                    domain,
                    PostureStatus.UNKNOWN,
                    "every MX address timed out at connect; no reference targets to compare (mailflow.posture.reference-targets)",
                    List.of(),
                    List.of(),
                    new PostureFacts.Port25(true, List.of(), List.of()));
        }
        var tried = new ArrayList<String>();
        var reachable = new ArrayList<String>();
        var evidence = new ArrayList<String>();
        for (var reference : references) {
            String name = reference.host() + ":" + reference.port();
            tried.add(name);
            String outcome = reach(reference);
            evidence.add(name + ": " + outcome);
            if (outcome.startsWith("answered")) {
                reachable.add(name);
            }
        }
        var facts = new PostureFacts.Port25(true, tried, reachable);
        if (reachable.isEmpty()) {
            var note = new PostureNote("posture.port25-blocked", Map.of("targets", String.join(", ", tried)));
            return result(
                    domain, PostureStatus.FAIL, "our side cannot reach port 25 at all", evidence, List.of(note), facts);
        }
        var note = new PostureNote(
                "posture.port25-recipient-silent", Map.of("domain", domain, "targets", String.join(", ", reachable)));
        return result(
                domain,
                PostureStatus.PASS,
                "our side reaches port 25; the MX hosts do not answer",
                evidence,
                List.of(note),
                facts);
    }

    private String reach(HostPort reference) {
        List<InetAddress> addresses;
        var literal = HostLiteral.parse(reference.host());
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = dns.addresses(Lookups.name(reference.host())).list();
            } catch (TextParseException e) {
                return "not a host name";
            }
        }
        if (addresses.isEmpty()) {
            return "no address";
        }
        String last = "no address";
        for (InetAddress address : addresses) {
            try (Socket socket = egress.connect(new InetSocketAddress(address, reference.port()), timeout)) {
                return "answered at " + AddressText.of(address);
            } catch (IOException e) {
                last = AddressText.of(address) + " " + e.getMessage();
            }
        }
        return last;
    }

    private static PostureCheck result(
            String domain,
            PostureStatus status,
            String summary,
            List<String> evidence,
            List<PostureNote> notes,
            PostureFacts.Port25 facts) {
        return new PostureCheck(Kind.PORT_25, domain, status, summary, List.of(), evidence, notes, facts);
    }
}
