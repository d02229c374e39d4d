package dev.mailflow.dns;

import java.time.Duration;
import java.util.List;

/**
 * The mail servers of a domain in the order a sender tries them: by preference, ties in the order
 * the DNS answer gave them (RFC 5321 §5.1 says to randomise ties; a diagnosis needs a stable order,
 * so equal preferences are shown as such instead).
 *
 * @param domain the domain in A-label form without the trailing dot
 * @param detail a short human sentence (e.g. "SERVFAIL from 192.0.2.53:53"), null when OK
 */
public record MxPlan(String domain, DnsOutcome outcome, List<MxHost> hosts, Duration took, String detail) {

    public MxPlan {
        hosts = List.copyOf(hosts);
    }

    public boolean implicitMx() {
        return outcome == DnsOutcome.IMPLICIT_MX;
    }

    public boolean nullMx() {
        return outcome == DnsOutcome.NULL_MX;
    }

    /** True when there is at least one host with an address to try. */
    public boolean hasTargets() {
        return hosts.stream().anyMatch(h -> !h.addresses().isEmpty());
    }
}
