package dev.mailflow.diagnosis;

import dev.mailflow.smtp.SessionFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Findings that say the same thing about one MX host on several of its addresses (IPv4 and IPv6 of
 * a dual-stack host) become one finding that names the addresses: a helpdesk reads it once.
 */
final class SameOnEveryAddress {

    private final Wording wording;

    SameOnEveryAddress(Wording wording) {
        this.wording = wording;
    }

    /** What must agree for two findings to be one; the evidence may differ only in its address. */
    private record Sameness(Finding withoutEvidence, String host, Object phase) {}

    List<Finding> merge(List<Finding> findings, RunFacts run) {
        Map<String, SessionFacts> sessions = run.sessions().stream()
                .filter(s -> s.key() != null)
                .collect(Collectors.toMap(SessionFacts::key, Function.identity(), (a, b) -> a));
        var groups = new LinkedHashMap<Object, List<Finding>>();
        for (var finding : findings) {
            var session = finding.evidence() == null
                    ? null
                    : sessions.get(finding.evidence().session());
            Object key = session == null
                    ? finding
                    : new Sameness(
                            withEvidence(finding, null),
                            session.host(),
                            finding.evidence().phase());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(finding);
        }
        var merged = new ArrayList<Finding>();
        for (var group : groups.values()) {
            if (group.size() < 2) {
                merged.addAll(group);
                continue;
            }
            var addresses = group.stream()
                    .map(f -> sessions.get(f.evidence().session()).addressText())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (addresses.size() < 2) {
                merged.addAll(group);
                continue;
            }
            var first = group.getFirst();
            var named = wording.verdict("addresses", Map.of("list", String.join(" and ", addresses)));
            merged.add(new Finding(
                    first.severity(),
                    first.id(),
                    first.title() + named,
                    first.causes(),
                    first.fixes(),
                    first.owner(),
                    first.evidence(),
                    first.refs(),
                    null));
        }
        return merged;
    }

    private static Finding withEvidence(Finding f, Evidence evidence) {
        return new Finding(f.severity(), f.id(), f.title(), f.causes(), f.fixes(), f.owner(), evidence, f.refs(), null);
    }
}
