package dev.mailflow.diagnosis;

import dev.mailflow.smtp.EnhancedStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains the replies a person pasted: the reason from the classifier, and the causes, fixes and
 * owner of the finding a live probe would have made of the same reply.
 */
final class ReplyExplainer {

    // Placeholders of finding texts that only a live session knows.
    private static final Map<String, String> PASTED = Map.of(
            "host", "the server",
            "phase", "the command",
            "ehlo", "the sender's EHLO name",
            "address", "the server's address",
            "domain", "the recipient's domain",
            "rcpt", "the recipient");

    private final Knowledge knowledge;
    private final ReplyWording wording;

    ReplyExplainer(Knowledge knowledge, ReplyWording wording) {
        this.knowledge = knowledge;
        this.wording = wording;
    }

    List<ExplainedReply> explain(String pasted) {
        return knowledge.explainAll(pasted).stream().map(this::explain).toList();
    }

    private ExplainedReply explain(Explanation e) {
        var nature = nature(e);
        var codes = CodeWords.of(knowledge, e);
        if (nature != CodeEntry.Nature.TRANSIENT && nature != CodeEntry.Nature.PERMANENT && nature != null) {
            var top = e.entries().isEmpty() ? null : e.entries().getFirst();
            return new ExplainedReply(
                    e.input(),
                    e.code(),
                    e.enhanced(),
                    null,
                    null,
                    null,
                    top == null ? codes : top.title(),
                    top == null ? List.of() : top.causes(),
                    top == null ? List.of() : top.fixes(),
                    top == null ? null : top.owner(),
                    nature,
                    e.entries());
        }
        var reason = e.reason();
        var named = wording.reasons().get(reason.reason());
        var title = named == null
                ? "The reply text was not recognised; the code says " + codes
                : capitalised(reason.detail() == null ? named.title() : named.title() + " (" + reason.detail() + ")");
        var contradiction = reason.contradicts() ? wording.contradiction(codes, reason) : null;
        var vars = new HashMap<>(PASTED);
        vars.put("codes", codes);
        var pick = wording.forReply(null, e.entries(), reason);
        List<String> causes = named == null ? List.of() : named.causes();
        List<String> fixes = named == null ? List.of() : named.fixes();
        Owner owner = named == null ? null : named.owner();
        if (pick.isPresent()) {
            var finding = wording.finding(pick.get(), Severity.CRITICAL, null, vars);
            causes = finding.causes();
            fixes = finding.fixes();
            owner = finding.owner();
        } // else a reply without any code ("User unknown"): only the reason's own texts apply.
        return new ExplainedReply(
                e.input(),
                e.code(),
                e.enhanced(),
                reason.reason(),
                reason.detail(),
                contradiction,
                title,
                causes,
                fixes,
                owner,
                nature,
                e.entries());
    }

    /** The class comes from the first digit pasted, not from a knowledge entry written for X.y.z. */
    static CodeEntry.Nature nature(Explanation e) {
        int digit;
        if (e.code() != null) {
            digit = e.code() / 100;
        } else if (e.enhanced() != null) {
            digit = EnhancedStatus.parse(e.enhanced())
                    .map(EnhancedStatus::statusClass)
                    .orElse(0);
        } else {
            return null;
        }
        return switch (digit) {
            case 2 -> CodeEntry.Nature.SUCCESS;
            case 3 -> CodeEntry.Nature.INTERMEDIATE;
            case 4 -> CodeEntry.Nature.TRANSIENT;
            case 5 -> CodeEntry.Nature.PERMANENT;
            default -> null;
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
