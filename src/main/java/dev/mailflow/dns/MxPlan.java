package dev.mailflow.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

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

    /** Several hosts sharing one preference: a sender picks among them at random (RFC 5321 §5.1). */
    public record Tie(int preference, List<String> hosts) {

        public Tie {
            hosts = List.copyOf(hosts);
        }
    }

    /** The preferences shared by several hosts, lowest first; each tie's hosts in the plan's order. */
    public List<Tie> ties() {
        var byPreference = new TreeMap<Integer, List<String>>();
        for (var host : hosts) {
            var names = byPreference.computeIfAbsent(host.preference(), p -> new ArrayList<>());
            if (!names.contains(host.name())) {
                names.add(host.name());
            }
        }
        return byPreference.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(e -> new Tie(e.getKey(), e.getValue()))
                .toList();
    }

    /** True when there is at least one host with an address to try. */
    public boolean hasTargets() {
        return hosts.stream().anyMatch(h -> !h.addresses().isEmpty());
    }
}
