package dev.mailflow.message;

import dev.mailflow.diagnosis.Owner;
import dev.mailflow.diagnosis.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The findings a header analysis leads to, in mailflow's words, each with who acts: where the mail
 * was held, clocks that disagree, hops without TLS between organisations, DKIM that fails now, DMARC
 * that fails when recomputed, what servers reported as failing, and the filters that put it in Junk.
 */
final class HeaderFindings {

    /** A hop that took longer than this is "held": queues retry after minutes, not seconds. */
    static final double HELD_SECONDS = 15 * 60;

    /** Clocks a second apart are timestamp precision, not skew. */
    static final double SKEW_SECONDS = 1;

    private HeaderFindings() {}

    static List<HeaderFinding> of(
            HopChain chain, List<AuthResult> authentication, List<DkimResult> dkim, List<Verdict> verdicts) {
        var findings = new ArrayList<HeaderFinding>();
        hops(chain, findings);
        dkim(dkim, findings);
        authentication(authentication, findings);
        junk(verdicts, findings);
        findings.sort((a, b) -> a.severity().compareTo(b.severity()));
        return List.copyOf(findings);
    }

    private static void hops(HopChain chain, List<HeaderFinding> findings) {
        var hops = chain.hops();
        if (hops.isEmpty()) {
            findings.add(new HeaderFinding(
                    "no-hops",
                    Severity.INFO,
                    "no Received headers: paste the whole header block of the message as the recipient got it",
                    Owner.RECIPIENT));
        }
        Hop previous = null;
        for (Hop hop : hops) {
            Double delay = hop.delaySeconds();
            if (delay != null && previous != null) {
                String before = host(previous.by());
                String after = host(hop.by());
                if (delay >= HELD_SECONDS) {
                    boolean crossing = !hop.inside();
                    findings.add(new HeaderFinding(
                            "held",
                            Severity.WARNING,
                            "held " + Durations.words(delay) + " between " + before + " and " + after + ": "
                                    + (crossing
                                            ? before + " queued it before " + after
                                                    + " accepted it (the sending side's queue, or the receiving side deferred it: greylisting, throttling)"
                                            : "it waited inside "
                                                    + Objects.requireNonNullElse(hop.organisation(), "one organisation")
                                                    + " (a queue, a filter or a journaling step)"),
                            crossing ? Owner.SENDER : Owner.RECIPIENT_ADMIN));
                } else if (delay <= -SKEW_SECONDS) {
                    findings.add(new HeaderFinding(
                            "clock-skew",
                            Severity.INFO,
                            "clock skew: " + after + " wrote a time " + Durations.words(-delay) + " earlier than "
                                    + before
                                    + "; one of the two clocks is wrong, so the delays around this hop are not real",
                            Owner.NOBODY));
                }
            }
            if (hop.tls() == null
                    && !hop.inside()
                    && hop.from() != null
                    && hop.by() != null
                    && hop.with() != null
                    && hop.with().toUpperCase(java.util.Locale.ROOT).contains("SMTP")) {
                findings.add(new HeaderFinding(
                        "hop-without-tls",
                        Severity.WARNING,
                        "a hop without TLS between " + host(hop.from()) + " and " + host(hop.by())
                                + ": the header names no TLS for it (with " + hop.with() + ")",
                        Owner.SENDER));
            }
            if (hop.at() != null) {
                previous = hop;
            }
        }
        if (chain.skipped() > 0) {
            findings.add(new HeaderFinding(
                    "hops-cut",
                    Severity.INFO,
                    chain.skipped() + " older Received headers were not read: only the newest " + HopChain.MAX_HOPS
                            + " are",
                    Owner.NOBODY));
        }
    }

    private static void dkim(List<DkimResult> dkim, List<HeaderFinding> findings) {
        for (var result : dkim) {
            String who = "DKIM signature d=" + result.domain() + " s=" + result.selector();
            switch (result.result()) {
                case FAIL ->
                    findings.add(new HeaderFinding(
                            "dkim-fail",
                            Severity.WARNING,
                            who + " fails now: " + result.reason()
                                    + " (a forwarder or mailing list that edits messages does this too)",
                            Owner.SENDER));
                case PERMERROR ->
                    findings.add(new HeaderFinding(
                            "dkim-permerror",
                            Severity.WARNING,
                            who + " cannot be verified: " + result.reason(),
                            Owner.SENDER));
                case TEMPERROR ->
                    findings.add(new HeaderFinding(
                            "dkim-temperror",
                            Severity.INFO,
                            who + " was not checked: " + result.reason(),
                            Owner.NOBODY));
                case PASS, NONE -> {}
            }
        }
    }

    private static void authentication(List<AuthResult> authentication, List<HeaderFinding> findings) {
        for (var result : authentication) {
            if (DmarcAlignment.AUTHSERV.equals(result.authservId())
                    && result.method().equals("dmarc")) {
                if (result.result().equals("fail")) {
                    String policy = result.property("policy");
                    findings.add(new HeaderFinding(
                            "dmarc-fail",
                            "reject".equals(policy) || "quarantine".equals(policy)
                                    ? Severity.CRITICAL
                                    : Severity.WARNING,
                            "DMARC fails: header.from " + result.property("header.from")
                                    + " is aligned with neither the DKIM d= nor the SPF domain"
                                    + (policy == null ? "" : " (its policy: p=" + policy + ")"),
                            Owner.SENDER));
                }
                continue;
            }
            if (result.method().equals("arc-seal") && "fail".equals(result.result())) {
                findings.add(new HeaderFinding(
                        "arc-fail",
                        Severity.WARNING,
                        "the ARC chain is broken: " + Objects.requireNonNullElse(result.authservId(), "a sealer")
                                + " sealed instance " + result.property("arc.i")
                                + " with cv=fail, so the results of the servers before it cannot be trusted",
                        Owner.NOBODY));
                continue;
            }
            boolean failed = switch (result.result() == null ? "" : result.result()) {
                case "fail", "softfail", "permerror" -> true;
                default -> false;
            };
            if (failed
                    && !result.method().equals("arc-seal")
                    && !result.header().startsWith("ARC")) {
                String server = result.authservId() == null ? "the receiving server" : result.authservId();
                String about =
                        firstOf(result.properties(), "smtp.mailfrom", "header.from", "header.d", "envelope-from");
                findings.add(new HeaderFinding(
                        result.method() + "-reported-fail",
                        Severity.WARNING,
                        result.method().toUpperCase(java.util.Locale.ROOT) + " " + result.result() + " reported by "
                                + server
                                + (about == null ? "" : " for " + about)
                                + (result.property("reason") == null
                                        ? ""
                                        : " (reason " + result.property("reason") + ")"),
                        Owner.SENDER));
            }
        }
    }

    private static void junk(List<Verdict> verdicts, List<HeaderFinding> findings) {
        Map<String, List<String>> byVendor = new LinkedHashMap<>();
        for (var verdict : verdicts) {
            if (verdict.junk()) {
                String shown = verdict.field() == null
                        ? verdict.header() + " " + verdict.value()
                        : verdict.field() + ":" + verdict.value();
                byVendor.computeIfAbsent(verdict.vendor(), v -> new ArrayList<>())
                        .add(shown);
            }
        }
        byVendor.forEach((vendor, values) -> findings.add(new HeaderFinding(
                "junk",
                Severity.CRITICAL,
                "put in Junk by " + vendor + ": " + String.join(", ", values)
                        + "; the sender fixes authentication, reputation or content, the recipient can release it or trust the sender",
                Owner.SENDER)));
    }

    private static String firstOf(Map<String, String> properties, String... names) {
        for (String name : names) {
            if (properties.get(name) != null) {
                return properties.get(name);
            }
        }
        return null;
    }

    private static String host(String name) {
        return name == null ? "an unnamed host" : name;
    }
}
