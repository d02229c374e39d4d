package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the reason from a reply's code and text together, in this order of precedence (the order
 * {@code knowledge/reasons.yaml} documents):
 *
 * <ol>
 *   <li>a vendor entry that names a reason (a provider's own code or wording);
 *   <li>a phrase of the text, reasons tried in the file's order (more specific first);
 *   <li>the code alone: the reason of the finding the code's entries pick;
 *   <li>otherwise unrecognised.
 * </ol>
 *
 * When the text won and the code alone names another reason, the result says so.
 */
final class ReasonClassifier {

    private final List<Rule> rules;
    private final ReplyWording wording;

    ReasonClassifier(KnowledgeFiles.ReasonsFile file, ReplyWording wording) {
        var compiled = new ArrayList<Rule>();
        for (var text : file.reasons()) {
            compiled.add(new Rule(text, words(text.phrases()), details(text.details())));
        }
        this.rules = List.copyOf(compiled);
        this.wording = wording;
    }

    private record Rule(KnowledgeFiles.ReasonText text, Pattern phrases, List<DetailRule> details) {}

    private record DetailRule(Pattern match, String value) {}

    /** The reason of a 4xx or 5xx reply; {@code phase} is null for a pasted reply. */
    ReplyReason classify(Phase phase, ReplyLine line, List<CodeEntry> explained) {
        var text = line.text();
        var byCode = codeReason(phase, explained);
        for (var entry : explained) {
            if (entry.kind() == CodeEntry.Kind.VENDOR && entry.reason() != null) {
                var detail = entry.detail() != null ? entry.detail() : detail(entry.reason(), text);
                return new ReplyReason(
                        entry.reason(), detail, ReplyReason.Basis.VENDOR, differing(byCode, entry.reason()));
            }
        }
        for (var rule : rules) {
            if (rule.phrases() != null && rule.phrases().matcher(text).find()) {
                var reason = rule.text().reason();
                return new ReplyReason(reason, detail(rule, text), ReplyReason.Basis.TEXT, differing(byCode, reason));
            }
        }
        return byCode.map(r -> new ReplyReason(r, detail(r, text), ReplyReason.Basis.CODE, null))
                .orElse(ReplyReason.UNRECOGNISED);
    }

    private Optional<Reason> codeReason(Phase phase, List<CodeEntry> explained) {
        var codes = explained.stream()
                .filter(e -> e.kind() != CodeEntry.Kind.VENDOR || e.reason() == null)
                .toList();
        return wording.forCodes(phase, codes)
                .map(pick -> pick.text().reason())
                .filter(r -> r != null && r != Reason.UNRECOGNISED);
    }

    private static Reason differing(Optional<Reason> byCode, Reason chosen) {
        return byCode.filter(r -> r != chosen).orElse(null);
    }

    private String detail(Reason reason, String text) {
        return rules.stream()
                .filter(r -> r.text().reason() == reason)
                .findFirst()
                .map(r -> detail(r, text))
                .orElse(null);
    }

    private static String detail(Rule rule, String text) {
        for (var detail : rule.details()) {
            Matcher m = detail.match().matcher(text);
            if (m.find()) {
                var sb = new StringBuilder();
                m.appendReplacement(sb, detail.value());
                // appendReplacement copied the text before the match too; keep only the value.
                return sb.substring(m.start()).strip();
            }
        }
        return null;
    }

    /** Whole words, case-insensitive: "user unknown" must not match inside "superuser unknownness". */
    private static Pattern words(List<String> phrases) {
        if (phrases.isEmpty()) {
            return null;
        }
        return Pattern.compile(
                "(?<![\\w])(?:" + String.join("|", phrases) + ")(?![\\w])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static List<DetailRule> details(List<KnowledgeFiles.Detail> details) {
        return details.stream()
                .map(d -> new DetailRule(
                        Pattern.compile("(?<![\\w])(?:" + d.match() + ")(?![\\w])", Pattern.CASE_INSENSITIVE),
                        d.value()))
                .toList();
    }
}
