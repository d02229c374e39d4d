package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Diagnosis.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The answer across vantages, one line a person can act on: when some vantages are accepted and
 * others are not, the receiving side treats them differently, and the line names those it refuses,
 * their addresses and how the world sees those addresses (PTR, blocklists), since that is what the
 * receiving side judges.
 */
final class VantageVerdict {

    private VantageVerdict() {}

    /** The kinds from the worst down: a run asked from several is as good as its worst answer. */
    private static final List<Verdict> WORST_FIRST =
            List.of(Verdict.BOUNCE, Verdict.DEFERRED, Verdict.UNKNOWN, Verdict.DELIVERABLE);

    /**
     * @param parts every part, settled
     * @param known the registry's vantages by name (for their egress posture)
     */
    static Diagnosis of(List<VantagePart> parts, Map<String, Vantage> known) {
        var answered =
                parts.stream().filter(p -> p.outcome() != RunOutcome.FAILED).toList();
        var silent =
                parts.stream().filter(p -> p.outcome() == RunOutcome.FAILED).toList();
        if (answered.isEmpty()) {
            return new Diagnosis(Verdict.UNKNOWN, "No vantage answered." + noAnswer(silent), List.of());
        }
        var accepted = answered.stream()
                .filter(p -> p.outcome() == RunOutcome.DELIVERABLE)
                .toList();
        var refused = answered.stream()
                .filter(p -> p.outcome() != RunOutcome.DELIVERABLE)
                .toList();
        var kind = WORST_FIRST.stream()
                .filter(v -> answered.stream().anyMatch(p -> kind(p.outcome()) == v))
                .findFirst()
                .orElse(Verdict.UNKNOWN);
        String line;
        if (answered.stream().map(VantagePart::outcome).distinct().count() == 1) {
            line = "The same answer from " + names(answered) + ": "
                    + sentence(answered.getFirst().verdict());
        } else if (!accepted.isEmpty()) {
            line = refusedLine(refused, accepted, known);
        } else {
            var each = new ArrayList<String>();
            answered.forEach(p -> each.add(p.vantage() + " " + p.outcome()));
            line = "Different answers from the vantages (" + String.join(", ", each)
                    + "): the receiving side treats their addresses differently." + posture(refused, known);
        }
        return new Diagnosis(kind, line + noAnswer(silent), List.of());
    }

    private static Verdict kind(RunOutcome outcome) {
        return switch (outcome) {
            case DELIVERABLE -> Verdict.DELIVERABLE;
            case DEFERRED -> Verdict.DEFERRED;
            case BOUNCE -> Verdict.BOUNCE;
            case UNKNOWN, FAILED -> Verdict.UNKNOWN;
        };
    }

    private static String refusedLine(
            List<VantagePart> refused, List<VantagePart> accepted, Map<String, Vantage> known) {
        var word = refused.stream().allMatch(p -> p.outcome() == RunOutcome.BOUNCE)
                ? "Refused"
                : refused.stream().allMatch(p -> p.outcome() == RunOutcome.DEFERRED) ? "Deferred" : "Not accepted";
        var addresses = refused.stream()
                .map(p -> p.egress() == null ? "unknown" : p.egress())
                .toList();
        var one = refused.size() == 1;
        var whose = one ? refused.getFirst().vantage() + "'s address" : "the addresses of " + names(refused);
        return word + " from " + names(refused) + (one ? " only (its address " : " (their addresses ")
                + String.join(", ", addresses) + "); accepted from " + names(accepted)
                + ": the receiving side blocks " + whose + "." + posture(refused, known);
    }

    /** How the world sees each refused vantage's address, from its last heartbeat. */
    private static String posture(List<VantagePart> refused, Map<String, Vantage> known) {
        var out = new StringBuilder();
        for (var part : refused) {
            var vantage = known.get(part.vantage());
            if (vantage != null) {
                out.append(' ')
                        .append(part.vantage())
                        .append("'s egress: PTR ")
                        .append(vantage.ptr() == null ? "unknown" : vantage.ptr())
                        .append("; blocklists: ")
                        .append(vantage.blocklists() == null ? "unknown" : vantage.blocklists())
                        .append('.');
            }
        }
        return out.toString();
    }

    private static String noAnswer(List<VantagePart> silent) {
        var out = new StringBuilder();
        for (var part : silent) {
            out.append(" No answer from ").append(part.vantage()).append(": ").append(sentence(part.verdict()));
        }
        return out.toString();
    }

    /** A verdict or note as a sentence of the line: with its full stop. */
    private static String sentence(String text) {
        return text == null ? "no verdict." : text.endsWith(".") ? text : text + ".";
    }

    private static String names(List<VantagePart> parts) {
        var names = parts.stream().map(VantagePart::vantage).toList();
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }
}
