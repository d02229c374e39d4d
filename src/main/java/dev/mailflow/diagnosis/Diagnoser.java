package dev.mailflow.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pure function from a run's facts to its verdict, risk, findings and words for the customer. The rule classes decide when a
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
    private final RiskRules risks;
    private final CustomerWords customer;
    private final OurAddressRules ourAddress;

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
        this.risks = new RiskRules(wording);
        this.customer = new CustomerWords(wording);
        this.ourAddress = new OurAddressRules(wording);
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

    /** The diagnosis of a run without posture checks. */
    public Diagnosis diagnose(RunFacts facts) {
        return diagnose(facts, List.of());
    }

    /**
     * The diagnosis of a run with the posture's findings: the verdict, the risk of an accepted
     * envelope, the finding that decides first (then the rest, most severe first), and the words for
     * the customer.
     */
    public Diagnosis diagnose(RunFacts facts, List<Finding> posture) {
        var findings = new ArrayList<Finding>();
        findings.addAll(dns.findings(facts));
        findings.addAll(connections.findings(facts));
        findings.addAll(tls.findings(facts));
        findings.addAll(replies.findings(facts));
        findings.addAll(dsn.findings(facts));
        var result = verdict.decide(facts, findings);
        // The same reply twice (EHLO, then HELO after it) is one finding.
        var all = new ArrayList<>(sameOnEveryAddress.merge(List.copyOf(new LinkedHashSet<>(findings)), facts));
        // When reference hosts answered on port 25, the sessions' guess that our port 25 is
        // blocked is wrong; the posture's finding says who must act instead.
        if (posture.stream().anyMatch(f -> f.id().equals(PORT25_OPEN))) {
            all.removeIf(f -> f.id().equals(ConnectionRules.PORT25_BLOCKED));
        }
        all.addAll(posture);
        risks.endOfData(facts, result, posture).ifPresent(all::add);
        // Stable: within a severity the rules' order (DNS, connections, TLS, replies, DSN) is kept.
        all.sort(Comparator.comparing(Finding::severity));
        var distinct = new ArrayList<>(new LinkedHashSet<>(all));
        var assessment = risks.assess(result, distinct);
        var text = result.text();
        var deciding = result.deciding();
        if (assessment.risk() != Risk.NONE) {
            var top = assessment.findings().getFirst();
            var vars = new HashMap<>(result.vars());
            vars.put("title", top.title());
            text = wording.verdict(assessment.risk() == Risk.AT_RISK ? "atRisk" : "likelyRefused", vars);
            deciding = top.id();
        }
        var decidingFinding = firstDeciding(distinct, deciding);
        // Whose address a refusal of our address was comes right after the refusal, and speaks to the customer.
        var whose = ourAddress.whose(facts, result.kind(), decidingFinding);
        whose.ifPresent(w -> distinct.add(1, w));
        var speaks = whose.filter(w -> w.id().equals(OurAddressRules.MAILFLOW_REFUSED));
        var words = customer.of(facts, result.kind(), assessment.risk(), speaks.orElse(decidingFinding));
        return new Diagnosis(
                result.kind(),
                text,
                distinct,
                assessment.risk(),
                assessment.findings().stream().map(Finding::id).toList(),
                words.message(),
                words.user());
    }

    /** The finding that decides the verdict leads, the rest keep their order; null when none decides. */
    private static Finding firstDeciding(List<Finding> findings, String deciding) {
        for (int i = 0; deciding != null && i < findings.size(); i++) {
            if (findings.get(i).id().equals(deciding)) {
                var first = findings.remove(i);
                findings.addFirst(first);
                return first;
            }
        }
        return null;
    }
}
