package dev.mailflow.posture;

import dev.mailflow.posture.PostureCheck.Kind;
import dev.mailflow.posture.PostureFacts.DmarcPolicy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Would they accept mail from us?": SPF (RFC 7208) of the sender domain for each of our sending
 * addresses, then DMARC (RFC 7489) of the sender domain read together with those results.
 */
final class SenderCheck {

    private final SpfEvaluator spf;
    private final DmarcLookup dmarc;

    SenderCheck(Lookups dns) {
        this.spf = new SpfEvaluator(dns);
        this.dmarc = new DmarcLookup(dns);
    }

    List<PostureCheck> check(PostureSubject subject, List<InetAddress> ours) {
        String domain = subject.senderDomain();
        if (domain == null) {
            var none = "no sender domain (null sender)";
            return List.of(
                    new PostureCheck(
                            Kind.SPF,
                            "",
                            PostureStatus.UNKNOWN,
                            none,
                            List.of(),
                            List.of(),
                            List.of(),
                            new PostureFacts.Spf(List.of())),
                    new PostureCheck(
                            Kind.DMARC, "", PostureStatus.UNKNOWN, none, List.of(), List.of(), List.of(), null));
        }
        List<SpfVerdict> verdicts = ours.stream()
                .map(ip -> spf.evaluate(ip, domain, subject.sender()))
                .toList();
        return List.of(spfCheck(domain, verdicts), dmarcCheck(domain, verdicts));
    }

    private static PostureCheck spfCheck(String domain, List<SpfVerdict> verdicts) {
        var evidence = new ArrayList<String>();
        var notes = new ArrayList<PostureNote>();
        for (SpfVerdict v : verdicts) {
            String result = word(v.result());
            evidence.add(v.address() + ": " + result
                    + (v.mechanism() == null ? "" : " by " + v.mechanism())
                    + (v.detail() == null ? "" : " (" + v.detail() + ")"));
            String finding = switch (v.result()) {
                case FAIL -> "posture.spf-fail";
                case SOFTFAIL, NEUTRAL -> "posture.spf-not-authorized";
                case PERMERROR -> "posture.spf-permerror";
                case NONE -> "posture.spf-none";
                case PASS, TEMPERROR -> null;
            };
            if (finding != null) {
                notes.add(note(
                        finding,
                        domain,
                        v,
                        Map.of(
                                "mechanism",
                                v.mechanism() == null ? "no mechanism" : v.mechanism(),
                                "detail",
                                v.detail() == null ? "" : v.detail())));
            }
        }
        PostureStatus status = verdicts.isEmpty() ? PostureStatus.UNKNOWN : PostureStatus.PASS;
        for (SpfVerdict v : verdicts) {
            status = worse(
                    status,
                    switch (v.result()) {
                        case PASS -> PostureStatus.PASS;
                        case FAIL, PERMERROR -> PostureStatus.FAIL;
                        case SOFTFAIL, NEUTRAL -> PostureStatus.WARN;
                        case NONE -> PostureStatus.NOT_PUBLISHED;
                        case TEMPERROR -> PostureStatus.UNKNOWN;
                    });
        }
        String summary = verdicts.isEmpty()
                ? "no sending address to check"
                : String.join(
                        ", ",
                        verdicts.stream()
                                .map(v -> v.address() + " " + word(v.result()))
                                .toList());
        return new PostureCheck(
                Kind.SPF, domain, status, summary, List.of(), evidence, notes, new PostureFacts.Spf(verdicts));
    }

    private PostureCheck dmarcCheck(String domain, List<SpfVerdict> verdicts) {
        var found = dmarc.find(domain);
        if (found.failed()) {
            return new PostureCheck(
                    Kind.DMARC, domain, PostureStatus.UNKNOWN, found.detail(), List.of(), List.of(), List.of(), null);
        }
        if (found.record() == null) {
            var note = new PostureNote("posture.dmarc-missing", Map.of("domain", domain));
            return new PostureCheck(
                    Kind.DMARC,
                    domain,
                    PostureStatus.NOT_PUBLISHED,
                    "no DMARC record",
                    List.of(),
                    List.of(),
                    List.of(note),
                    null);
        }
        var facts = DmarcLookup.facts(found);
        var evidence = new ArrayList<String>();
        evidence.add("found at " + found.at() + (found.organizational() ? " (organizational domain)" : ""));
        evidence.add("SPF alignment " + (facts.strictSpf() ? "strict" : "relaxed") + ", DKIM alignment "
                + (facts.strictDkim() ? "strict" : "relaxed") + ", pct " + facts.pct());
        if (!facts.rua().isEmpty()) {
            evidence.add("aggregate reports go to " + String.join(", ", facts.rua()));
        }
        var notes = new ArrayList<PostureNote>();
        PostureStatus status = facts.policy() == null ? PostureStatus.WARN : PostureStatus.PASS;
        boolean enforcing =
                (facts.policy() == DmarcPolicy.REJECT || facts.policy() == DmarcPolicy.QUARANTINE) && facts.pct() > 0;
        for (SpfVerdict v : verdicts) {
            if (enforcing && v.result() != SpfResult.PASS && v.result() != SpfResult.TEMPERROR) {
                status = PostureStatus.FAIL;
                notes.add(note(
                        "posture.dmarc-spf-refused",
                        domain,
                        v,
                        Map.of("policy", facts.policy().name().toLowerCase(Locale.ROOT))));
            }
        }
        String policy = facts.policy() == null
                ? "no valid p="
                : "p=" + facts.policy().name().toLowerCase(Locale.ROOT);
        return new PostureCheck(
                Kind.DMARC,
                domain,
                status,
                policy + ", pct " + facts.pct(),
                List.of(found.record()),
                evidence,
                notes,
                facts);
    }

    static String word(SpfResult result) {
        return result.name().toLowerCase(Locale.ROOT);
    }

    private static PostureStatus worse(PostureStatus a, PostureStatus b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(PostureStatus s) {
        return switch (s) {
            case PASS -> 0;
            case NOT_PUBLISHED -> 1;
            case UNKNOWN -> 2;
            case WARN -> 3;
            case FAIL -> 4;
        };
    }

    /** A note about one of our addresses' SPF result: its domain, address and result, and {@code more}. */
    private static PostureNote note(String finding, String domain, SpfVerdict v, Map<String, String> more) {
        var values = new java.util.HashMap<>(more);
        values.put("domain", domain);
        values.put("address", v.address());
        values.put("result", word(v.result()));
        return new PostureNote(finding, values);
    }
}
