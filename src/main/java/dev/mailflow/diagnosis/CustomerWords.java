package dev.mailflow.diagnosis;

import dev.mailflow.diagnosis.Diagnosis.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a helpdesk tells the customer, and what the user can do, in plain words: no reply codes, no
 * protocol words. The texts are data ({@code customer:} in {@code knowledge/findings.yaml}), looked up
 * by the finding that decides, then its reason, then the risk or the outcome.
 */
final class CustomerWords {

    /** The key for a run mailflow could not finish. */
    static final String UNFINISHED = "FAILED";

    private final Wording wording;

    CustomerWords(Wording wording) {
        this.wording = wording;
    }

    /** @param first the finding that decides the verdict (or the risk), null when none decides alone */
    PlainWords of(RunFacts run, Verdict outcome, Risk risk, Finding first) {
        Stream<String> keys = risk != Risk.NONE
                ? Stream.of(first == null ? null : first.id(), risk.name())
                // Delivered: a refusal by another server on the way says nothing to the customer.
                : outcome == Verdict.DELIVERABLE
                        ? Stream.of(outcome.name())
                        : Stream.of(
                                first == null ? null : first.id(),
                                first == null || first.reason() == null
                                        ? null
                                        : first.reason().name(),
                                outcome.name());
        return words(keys, vars(run));
    }

    /** For a run mailflow could not finish (an error or an interruption): no diagnosis to speak from. */
    PlainWords unfinished(String to, String domain) {
        return words(Stream.of(UNFINISHED), Map.of("to", to, "domain", domain, "sender", "", "from", ""));
    }

    private PlainWords words(Stream<String> keys, Map<String, String> vars) {
        var text = keys.filter(k -> k != null)
                .map(wording.customer()::get)
                .filter(t -> t != null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no words for the customer"));
        return new PlainWords(Wording.fill(text.message(), vars), Wording.fill(text.user(), vars));
    }

    private static Map<String, String> vars(RunFacts run) {
        var vars = new HashMap<String, String>();
        var domain = String.valueOf(run.domain());
        vars.put("to", run.rcptTo().isEmpty() ? "addresses at " + domain : String.join(", ", run.rcptTo()));
        vars.put("domain", domain);
        var sender = RiskRules.senderDomain(run);
        vars.put("sender", sender.isEmpty() ? "the sender's domain" : sender);
        vars.put(
                "from",
                Optional.ofNullable(run.mailFrom()).filter(f -> !f.isEmpty()).orElse("the sender address"));
        return vars;
    }

    /** Every key the texts are looked up by, for the consistency test. */
    static List<String> fallbacks() {
        return Stream.concat(
                        Stream.of(Verdict.values()).map(Verdict::name),
                        Stream.of(Risk.AT_RISK.name(), Risk.LIKELY_REFUSED.name(), UNFINISHED))
                .toList();
    }
}
