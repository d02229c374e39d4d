package dev.mailflow.posture;

import dev.mailflow.posture.PostureCheck.Kind;
import dev.mailflow.posture.PostureFacts.DnssecStatus;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Whether the MX answer of the domain is DNSSEC-signed and validates (RFC 4035 §4.3). */
record DnssecCheck(SecureLookup secure) {

    PostureCheck check(String domain) {
        SecureLookup.Secured answer;
        try {
            answer = secure.ask(Name.fromString(domain + "."), Type.MX);
        } catch (TextParseException e) {
            answer = new SecureLookup.Secured(DnssecStatus.UNKNOWN, List.of(), "not a domain");
        }
        List<String> records = answer.records().stream()
                .map(r -> r.toString().replace('\t', ' '))
                .toList();
        var facts = new PostureFacts.Dnssec(answer.status());
        return switch (answer.status()) {
            case SECURE ->
                new PostureCheck(
                        Kind.DNSSEC,
                        domain,
                        PostureStatus.PASS,
                        "the MX answer is signed and validates",
                        records,
                        List.of(),
                        List.of(),
                        facts);
            case INSECURE ->
                new PostureCheck(
                        Kind.DNSSEC,
                        domain,
                        PostureStatus.NOT_PUBLISHED,
                        "the MX answer is not signed (insecure)",
                        records,
                        List.of(),
                        List.of(),
                        facts);
            case BOGUS ->
                new PostureCheck(
                        Kind.DNSSEC,
                        domain,
                        PostureStatus.FAIL,
                        "the MX answer fails validation (bogus)",
                        records,
                        List.of(answer.detail()),
                        List.of(new PostureNote(
                                "posture.dnssec-bogus", Map.of("domain", domain, "detail", answer.detail()))),
                        facts);
            case UNKNOWN ->
                new PostureCheck(
                        Kind.DNSSEC,
                        domain,
                        PostureStatus.UNKNOWN,
                        // The resolver's or library's own words go to the evidence, not the row's line.
                        "could not be validated (the resolver gave no answer to check)",
                        records,
                        List.of(answer.detail()),
                        List.of(),
                        facts);
        };
    }
}
