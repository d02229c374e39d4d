package dev.mailflow.diagnosis;

import dev.mailflow.diagnosis.Diagnosis.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What may still happen to mail whose recipient a server accepted. A probe that stops at RCPT sees
 * only the envelope; receivers judge the sender's authentication and the sending address's
 * reputation later, at the end of the message. Which findings make a risk is data ({@code risk:} in
 * the findings files); so are the providers known to judge at the end of the message.
 */
final class RiskRules {

    static final String END_OF_DATA = "risk.end-of-data";

    /** SPF results other than pass for our address: nothing then authenticates an unsigned probe. */
    private static final Set<String> SPF_NOT_PASS =
            Set.of("posture.spf-fail", "posture.spf-not-authorized", "posture.spf-none", "posture.spf-permerror");

    private static final String DMARC_REFUSED = "posture.dmarc-spf-refused";

    private final Wording wording;

    RiskRules(Wording wording) {
        this.wording = wording;
    }

    /** The risk and the findings that make it, the gravest first. */
    record Assessment(Risk risk, List<Finding> findings) {

        static final Assessment NONE = new Assessment(Risk.NONE, List.of());
    }

    Assessment assess(DeliveryVerdict.Result result, List<Finding> findings) {
        if (result.kind() != Verdict.DELIVERABLE) {
            return Assessment.NONE;
        }
        var risky = findings.stream()
                .filter(f -> risk(f) != Risk.NONE)
                .sorted(Comparator.comparing(this::risk).reversed())
                .toList();
        if (risky.isEmpty()) {
            return Assessment.NONE;
        }
        var risk = risk(risky.getFirst());
        // The message itself was accepted: what is left is the spam folder or a later bounce.
        if (dataAccepted(result) && risk == Risk.LIKELY_REFUSED) {
            risk = Risk.AT_RISK;
        }
        return new Assessment(risk, risky);
    }

    /**
     * A provider that judges the sender only at the end of the message accepted the recipient of a
     * probe that stopped before it, while SPF does not pass for our address (the probe's message
     * carries no DKIM signature, so nothing else could authenticate it).
     */
    Optional<Finding> endOfData(RunFacts run, DeliveryVerdict.Result result, List<Finding> posture) {
        if (result.kind() != Verdict.DELIVERABLE || dataAccepted(result)) {
            return Optional.empty();
        }
        var ids = posture.stream().map(Finding::id).toList();
        if (ids.contains(DMARC_REFUSED) || ids.stream().noneMatch(SPF_NOT_PASS::contains)) {
            return Optional.empty();
        }
        var host = result.vars().getOrDefault("host", "").toLowerCase(Locale.ROOT);
        return wording.endOfData().stream()
                .filter(p -> p.hosts().stream().anyMatch(h -> host.equals(h) || host.endsWith("." + h)))
                .findFirst()
                .map(p -> wording.finding(
                        END_OF_DATA,
                        null,
                        null,
                        Map.of("provider", p.provider(), "host", host, "sender", senderDomain(run))));
    }

    private Risk risk(Finding finding) {
        return wording.has(finding.id()) ? wording.text(finding.id()).risk() : Risk.NONE;
    }

    private static boolean dataAccepted(DeliveryVerdict.Result result) {
        return result.vars().containsKey("data");
    }

    static String senderDomain(RunFacts run) {
        var from = run.mailFrom() == null ? "" : run.mailFrom();
        var at = from.lastIndexOf('@');
        return at < 0 ? "" : from.substring(at + 1);
    }
}
