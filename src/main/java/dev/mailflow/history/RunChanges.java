package dev.mailflow.history;

import dev.mailflow.dns.MxHost;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.SessionFacts;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What changed between two runs of a domain, as a person comparing them would list it: MX hosts
 * and their addresses, the port, the reply code per phase and session, STARTTLS offered or not, TLS
 * version, certificate fingerprint and expiry, and the verdict. A pure function of the two runs.
 */
final class RunChanges {

    private RunChanges() {}

    static List<RunDiff.Change> between(ProbeRun before, ProbeRun after) {
        var old = facts(before);
        var now = facts(after);
        var keys = new LinkedHashSet<>(now.keySet());
        keys.addAll(old.keySet());
        var changes = new ArrayList<RunDiff.Change>();
        for (var key : keys) {
            if (!Objects.equals(old.get(key), now.get(key))) {
                changes.add(new RunDiff.Change(key, old.get(key), now.get(key)));
            }
        }
        return changes;
    }

    /** Each fact by a name that stays the same from run to run, in the order a reader expects. */
    static Map<String, String> facts(ProbeRun run) {
        var facts = new LinkedHashMap<String, String>();
        run.plan().ifPresent(plan -> {
            facts.put(
                    "MX hosts",
                    plan.hosts().stream()
                            .map(h -> h.preference() + " " + h.name())
                            .collect(Collectors.joining(", ")));
            for (MxHost host : plan.hosts()) {
                facts.put(
                        "addresses of " + host.name(),
                        host.addresses().stream()
                                .map(InetAddress::getHostAddress)
                                .collect(Collectors.joining(", ")));
            }
        });
        var sessions = run.sessions().stream().filter(s -> s.result() != null).toList();
        var ports = sessions.stream().map(SessionFacts::port).distinct().toList();
        // A run talks to one port: it is one fact, and a session is named without it, so a run on
        // another port shows that change once, not every fact of every session as gone and new.
        boolean onePort = ports.size() == 1;
        if (onePort) {
            facts.put("port", String.valueOf(ports.getFirst()));
        }
        for (var session : sessions) {
            sessionFacts(session, onePort, facts);
        }
        run.diagnosis().ifPresent(d -> facts.put("verdict", d.verdict()));
        return facts;
    }

    private static void sessionFacts(SessionFacts session, boolean onePort, Map<String, String> facts) {
        var where =
                " at " + session.host() + " [" + session.addressText() + "]" + (onePort ? "" : ":" + session.port());
        var result = session.result();
        var byPhase = new LinkedHashMap<String, List<String>>();
        for (Exchange exchange : result.exchanges()) {
            if (exchange.reply() != null) {
                byPhase.computeIfAbsent(exchange.phase().name(), p -> new ArrayList<>())
                        .add(code(exchange));
            }
        }
        byPhase.forEach((phase, codes) -> facts.put("reply to " + phase + where, String.join(", ", codes)));
        if (!result.extensions().isEmpty()) {
            facts.put("STARTTLS offered" + where, result.extensions().containsKey("STARTTLS") ? "yes" : "no");
        }
        var tls = result.tls();
        if (tls != null) {
            facts.put("TLS version" + where, tls.failure() != null ? "handshake failed" : tls.protocol());
            if (!tls.chain().isEmpty()) {
                var leaf = tls.chain().getFirst();
                facts.put("certificate fingerprint" + where, leaf.sha256());
                facts.put(
                        "certificate expiry" + where,
                        leaf.notAfter() == null ? null : leaf.notAfter().toString());
            }
        }
    }

    private static String code(Exchange exchange) {
        var reply = exchange.reply();
        return reply.enhancedStatus()
                .map(e -> reply.code() + " " + e.statusClass() + "." + e.subject() + "." + e.detail())
                .orElse(String.valueOf(reply.code()));
    }
}
