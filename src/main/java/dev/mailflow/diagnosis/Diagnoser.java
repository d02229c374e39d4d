package dev.mailflow.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

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
    private final Wording wording;

    private static final String PORT25_OPEN = "posture.port25-recipient-silent";

    public Diagnoser(Knowledge knowledge) {
        var wording = knowledge.wording();
        this.wording = wording;
        this.dns = new DnsRules(wording);
        this.connections = new ConnectionRules(wording);
        this.tls = new TlsRules(wording);
        this.replies = new ReplyRules(knowledge);
        this.dsn = new DsnRules(wording);
        this.verdict = new DeliveryVerdict(wording, replies);
        this.sameOnEveryAddress = new SameOnEveryAddress(wording);
    }

    /**
     * A finding of the posture checks ({@code knowledge/posture.yaml}), with the check's evidence.
     *
     * @throws IllegalArgumentException for an id that is not a posture finding
     */
    public Finding posture(String id, Map<String, String> vars, String evidence) {
        if (!id.startsWith("posture.")) {
            throw new IllegalArgumentException("not a posture finding: " + id);
        }
        return wording.finding(id, null, evidence == null ? null : new Evidence(null, null, evidence), vars);
    }

    /** The diagnosis with the posture's findings added, most severe first. */
    public Diagnosis withPosture(Diagnosis diagnosis, List<Finding> posture) {
        var all = new ArrayList<>(diagnosis.findings());
        // When reference hosts answered on port 25, the sessions' guess that our port 25 is
        // blocked is wrong; the posture's finding says who must act instead.
        if (posture.stream().anyMatch(f -> f.id().equals(PORT25_OPEN))) {
            all.removeIf(f -> f.id().equals(ConnectionRules.PORT25_BLOCKED));
        }
        all.addAll(posture);
        all.sort(Comparator.comparing(Finding::severity));
        return new Diagnosis(diagnosis.outcome(), diagnosis.verdict(), List.copyOf(new LinkedHashSet<>(all)));
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
