package dev.mailflow.diagnosis;

import dev.mailflow.dns.DnsOutcome;
import dev.mailflow.dns.MxFlaw;
import dev.mailflow.dns.MxPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Findings about the MX lookup: null MX, NXDOMAIN, failures, implicit and dangling MX, ties. */
final class DnsRules {

    private final Wording wording;

    DnsRules(Wording wording) {
        this.wording = wording;
    }

    List<Finding> findings(RunFacts run) {
        var dns = run.dns();
        if (dns == null) {
            return List.of();
        }
        var findings = new ArrayList<Finding>();
        var vars = Map.of("domain", String.valueOf(dns.domain()), "status", String.valueOf(dns.outcome()));
        terminal(dns).ifPresent(id -> findings.add(wording.finding(id, null, evidence(dns), vars)));
        if (dns.outcome() == DnsOutcome.IMPLICIT_MX) {
            findings.add(wording.finding("dns.implicit-mx", null, evidence(dns), vars));
        }
        // With every host dangling the lookup is NO_MAIL_HOSTS, reported above; one dangling host
        // among working ones only costs senders a failed lookup.
        var allDangling = !dns.hosts().isEmpty()
                && dns.hosts().stream().allMatch(h -> h.addresses().isEmpty());
        for (var host : dns.hosts()) {
            var hostVars = Map.of("host", host.name(), "domain", String.valueOf(dns.domain()));
            var line = new Evidence(null, null, "MX " + host.preference() + " " + host.name());
            if (host.flaws().contains(MxFlaw.DANGLING) || host.addresses().isEmpty()) {
                var severity = allDangling ? Severity.CRITICAL : Severity.WARNING;
                findings.add(wording.finding("dns.dangling-mx", severity, line, hostVars));
            }
            if (host.flaws().contains(MxFlaw.CNAME)) {
                findings.add(wording.finding("dns.mx-cname", null, line, hostVars));
            }
            if (host.flaws().contains(MxFlaw.IP_LITERAL)) {
                findings.add(wording.finding("dns.mx-ip-literal", null, line, hostVars));
            }
        }
        ties(dns, wording)
                .ifPresent(tie -> findings.add(wording.finding(
                        "dns.equal-preference",
                        null,
                        new Evidence(null, null, "MX " + tie.get("preference") + " " + tie.get("hosts")),
                        tie)));
        return findings;
    }

    /** The finding id of a lookup result that ends delivery before any connection, if any. */
    static Optional<String> terminal(MxPlan dns) {
        if (dns == null || dns.outcome() == null) {
            return Optional.empty();
        }
        return switch (dns.outcome()) {
            case NULL_MX -> Optional.of("dns.null-mx");
            case NXDOMAIN -> Optional.of("dns.nxdomain");
            case NO_MAIL_HOSTS -> Optional.of("dns.no-mail-hosts");
            case SERVFAIL, TIMEOUT, REFUSED, ERROR -> Optional.of("dns.lookup-failed");
            case OK, IMPLICIT_MX, EXPLICIT -> Optional.empty();
        };
    }

    /** The first group of MX hosts sharing a preference (RFC 5321 §5.1: senders pick at random). */
    static Optional<Map<String, String>> ties(MxPlan dns, Wording wording) {
        if (dns == null) {
            return Optional.empty();
        }
        return dns.ties().stream()
                .findFirst()
                .map(tie -> Map.of(
                        "preference", String.valueOf(tie.preference()),
                        "hosts", joinAnd(tie.hosts()),
                        "which", wording.verdicts().get(tie.hosts().size() == 2 ? "either" : "anyOf")));
    }

    private static Evidence evidence(MxPlan dns) {
        var nullMx = dns.nullMx();
        var line = nullMx ? "MX 0 ." : dns.outcome() + " " + dns.domain();
        if (dns.detail() != null && !dns.detail().isBlank() && !nullMx) {
            line = line + ": " + SessionView.bounded(dns.detail());
        }
        return new Evidence(null, null, line);
    }

    static String joinAnd(List<String> names) {
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }
}
