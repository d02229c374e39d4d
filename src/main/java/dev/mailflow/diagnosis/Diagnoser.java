package dev.mailflow.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A pure function from a run's facts to its verdict and findings. The rule classes decide when a
 * finding applies; the knowledge files say what it says.
 */
public final class Diagnoser {

    private final DnsRules dns;
    private final ConnectionRules connections;
    private final TlsRules tls;
    private final ReplyRules replies;
    private final DsnRules dsn;
    private final DeliveryVerdict verdict;
    private final SameOnEveryAddress sameOnEveryAddress;

    public Diagnoser(Knowledge knowledge) {
        var wording = knowledge.wording();
        this.dns = new DnsRules(wording);
        this.connections = new ConnectionRules(wording);
        this.tls = new TlsRules(wording);
        this.replies = new ReplyRules(knowledge);
        this.dsn = new DsnRules(wording);
        this.verdict = new DeliveryVerdict(wording, replies);
        this.sameOnEveryAddress = new SameOnEveryAddress(wording);
    }

    public Diagnosis diagnose(RunFacts facts) {
        var findings = new ArrayList<Finding>();
        findings.addAll(dns.findings(facts));
        findings.addAll(connections.findings(facts));
        findings.addAll(tls.findings(facts));
        findings.addAll(replies.findings(facts));
        findings.addAll(dsn.findings(facts));
        var result = verdict.decide(facts, findings);
        // The same reply twice (EHLO, then HELO after it) is one finding.
        var distinct = new ArrayList<>(sameOnEveryAddress.merge(List.copyOf(new LinkedHashSet<>(findings)), facts));
        // Stable: within a severity the rules' order (DNS, connections, TLS, replies, DSN) is kept.
        distinct.sort(Comparator.comparing(Finding::severity));
        return new Diagnosis(result.kind(), result.text(), distinct);
    }
}
