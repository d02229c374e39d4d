package dev.mailflow.diagnosis;

import dev.mailflow.diagnosis.Diagnosis.Verdict;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whose address a refusal of our address was (Microsoft's 5.7.606, a blocklist, a missing PTR):
 * mailflow's own, which says nothing about the mail the user's server sends, or one that {@code
 * mailflow.posture.our-addresses} names as the organisation's mail server, whose mail is then refused
 * the same way.
 */
final class OurAddressRules {

    static final String MAILFLOW_REFUSED = "egress.mailflow-refused";
    static final String OUR_SERVER_REFUSED = "egress.our-server-refused";

    private static final Set<Reason> ABOUT_OUR_ADDRESS =
            Set.of(Reason.BLOCKLISTED, Reason.BAD_REPUTATION, Reason.REVERSE_DNS_REQUIRED, Reason.POLICY);

    private final Wording wording;

    OurAddressRules(Wording wording) {
        this.wording = wording;
    }

    Optional<Finding> whose(RunFacts run, Verdict outcome, Finding deciding) {
        if (outcome != Verdict.UNKNOWN
                || deciding == null
                || !wording.isArtifact(deciding.id())
                || !ABOUT_OUR_ADDRESS.contains(deciding.reason())) {
            return Optional.empty();
        }
        var used = run.egress().used();
        var ours = used.stream().filter(run.egress().ourServers()::contains).toList();
        var id = ours.isEmpty() ? MAILFLOW_REFUSED : OUR_SERVER_REFUSED;
        var shown = ours.isEmpty() ? used : ours;
        return Optional.of(wording.finding(
                id, null, null, Map.of("address", shown.isEmpty() ? "(not recorded)" : String.join(", ", shown))));
    }
}
