package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Phase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The texts of findings and verdicts from {@code knowledge/findings.yaml}, with their placeholders. */
final class Wording {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final Map<String, String> verdicts;
    private final Map<String, String> skips;
    private final Map<String, FindingText> findings;
    private final Map<Reason, KnowledgeFiles.ReasonText> reasons;
    private final String contradiction;

    /** A catch-all names the two or three most likely causes of the code, not every cause there is. */
    private static final int CATCH_ALL_CAUSES = 3;

    Wording(KnowledgeFiles.WordingFile file, KnowledgeFiles.ReasonsFile reasonsFile, Map<String, CodeEntry> entries) {
        this.verdicts = file.verdicts();
        this.skips = file.skips();
        var byId = new LinkedHashMap<String, FindingText>();
        for (var text : file.findings()) {
            if (byId.putIfAbsent(text.id(), text) != null) {
                throw new IllegalStateException("duplicate finding id " + text.id());
            }
            for (var key : text.entries()) {
                if (!entries.containsKey(key)) {
                    throw new IllegalStateException("finding " + text.id() + " names unknown entry " + key);
                }
            }
        }
        this.findings = byId;
        var byReason = new EnumMap<Reason, KnowledgeFiles.ReasonText>(Reason.class);
        for (var reason : reasonsFile.reasons()) {
            if (byReason.putIfAbsent(reason.reason(), reason) != null) {
                throw new IllegalStateException("reason written twice: " + reason.reason());
            }
            for (var id : reason.findings()) {
                if (!byId.containsKey(id)) {
                    throw new IllegalStateException("reason " + reason.reason() + " names unknown finding " + id);
                }
            }
        }
        this.reasons = byReason;
        this.contradiction = reasonsFile.contradiction();
    }

    Map<Reason, KnowledgeFiles.ReasonText> reasons() {
        return reasons;
    }

    List<FindingText> findings() {
        return List.copyOf(findings.values());
    }

    Map<String, String> verdicts() {
        return verdicts;
    }

    Map<String, String> skips() {
        return skips;
    }

    /**
     * The finding a 4xx/5xx reply becomes. A vendor entry that a finding lists picks that finding; a
     * reason the vendor or the text named picks the reason's finding; otherwise the code does.
     */
    Optional<Pick> forReply(Phase phase, List<CodeEntry> explained, ReplyReason reason) {
        var primary = explained.isEmpty() ? null : explained.getFirst();
        if (reason.basis() == ReplyReason.Basis.VENDOR) {
            for (var entry : explained) {
                if (entry.kind() != CodeEntry.Kind.VENDOR || entry.reason() != reason.reason()) {
                    continue;
                }
                for (var text : findings.values()) {
                    if (text.appliesTo(phase, entry)) {
                        return Optional.of(new Pick(text, entry, entry, reason, false));
                    }
                }
            }
        }
        var byCodes = forCodes(phase, explained);
        if (byCodes.isPresent() && byCodes.get().text().reason() == reason.reason()) {
            // Code and text agree: the code's finding is the more specific one (X.5.3's "too many
            // recipients in one transaction" rather than a rate limit in general).
            return byCodes.map(p -> new Pick(p.text(), p.entry(), p.primary(), reason, false));
        }
        if (reason.basis() == ReplyReason.Basis.VENDOR || reason.basis() == ReplyReason.Basis.TEXT) {
            var named = reasons.get(reason.reason());
            if (named != null && primary != null) {
                for (var id : named.findings()) {
                    var text = findings.get(id);
                    if (text.fits(phase)) {
                        return Optional.of(new Pick(text, primary, primary, reason, true));
                    }
                }
            }
        }
        return byCodes.map(p -> new Pick(p.text(), p.entry(), p.primary(), reason, false));
    }

    /** The finding the codes alone pick: the first of the entries that some finding lists. */
    Optional<Pick> forCodes(Phase phase, List<CodeEntry> explained) {
        for (var entry : explained) {
            for (var text : findings.values()) {
                if (text.appliesTo(phase, entry)) {
                    return Optional.of(new Pick(text, entry, explained.getFirst(), ReplyReason.UNRECOGNISED, false));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A reply finding, the knowledge entry that chose it, the most specific entry of the reply (often
     * the same; not when a generic finding was chosen through a fallback entry), the reply's reason
     * and whether the reason (rather than an entry) chose the finding.
     */
    record Pick(FindingText text, CodeEntry entry, CodeEntry primary, ReplyReason reason, boolean byReason) {}

    boolean isArtifact(String id) {
        var text = findings.get(id);
        return text != null && text.artifact();
    }

    /** A finding whose texts are all in the findings file. */
    Finding finding(String id, Severity severity, Evidence evidence, Map<String, String> vars) {
        var text = text(id);
        return new Finding(
                severity == null ? text.severity() : severity,
                id,
                fill(text.title(), vars),
                fill(text.causes(), vars),
                fill(text.fixes(), vars),
                text.owner(),
                evidence,
                text.refs(),
                text.reason());
    }

    /**
     * A reply finding. Picked by an entry: the finding's own texts, then the most specific entry's,
     * then the picking entry's. Picked by the reason the text names: the finding's texts, then the
     * reason's (the code's would contradict the text), after a note when code and text disagree. A
     * catch-all keeps only the code's most likely causes.
     */
    Finding finding(Pick pick, Severity severity, Evidence evidence, Map<String, String> vars) {
        var text = pick.text();
        var primary = pick.primary();
        var reason = pick.reason();
        var withEntry = new LinkedHashMap<>(vars);
        withEntry.put("entry", primary.title());
        withEntry.put("reason", reason.words());
        if (pick.byReason()) {
            var named = reasons.get(reason.reason());
            withEntry.put("entry", reason.detail() != null ? reason.detail() : named.title());
            // A provider's own entry explains its code better than the reason's general texts.
            var vendor = primary.kind() == CodeEntry.Kind.VENDOR && primary.reason() == reason.reason();
            var causes = new ArrayList<String>();
            if (reason.contradicts()) {
                causes.add(contradiction(withEntry.getOrDefault("codes", primary.key()), reason));
            }
            causes.addAll(
                    union(fill(text.causes(), withEntry), vendor ? primary.causes() : fill(named.causes(), withEntry)));
            return new Finding(
                    severity,
                    text.id(),
                    fill(text.title(), withEntry),
                    causes,
                    union(fill(text.fixes(), withEntry), vendor ? primary.fixes() : fill(named.fixes(), withEntry)),
                    text.owner() != null ? text.owner() : vendor ? primary.owner() : named.owner(),
                    evidence,
                    union(text.refs(), vendor ? primary.refs() : named.refs()),
                    reason.reason());
        }
        var causes = union(
                fill(text.causes(), withEntry), primary.causes(), pick.entry().causes());
        if (text.catchAll() && causes.size() > CATCH_ALL_CAUSES) {
            causes = new ArrayList<>(causes.subList(0, CATCH_ALL_CAUSES));
        }
        return new Finding(
                severity,
                text.id(),
                fill(text.title(), withEntry),
                causes,
                union(
                        fill(text.fixes(), withEntry),
                        primary.fixes(),
                        pick.entry().fixes()),
                text.owner() == null ? primary.owner() : text.owner(),
                evidence,
                union(text.refs(), primary.refs(), pick.entry().refs()),
                reason.reason());
    }

    /** The sentence that says the code names another cause than the text, which mailflow follows. */
    String contradiction(String codes, ReplyReason reason) {
        return fill(
                contradiction,
                Map.of(
                        "codes", codes,
                        "codereason", reason.codeSays().words(),
                        "textreason", reason.reason().words()));
    }

    String verdict(String key, Map<String, String> vars) {
        return fill(required(verdicts, key), vars);
    }

    String skip(String key, Map<String, String> vars) {
        return fill(required(skips, key), vars);
    }

    FindingText text(String id) {
        var text = findings.get(id);
        if (text == null) {
            throw new IllegalArgumentException("no finding text for " + id);
        }
        return text;
    }

    /** Replaces {@code {name}} by its value; unknown names stay as written so a test can spot them. */
    static String fill(String template, Map<String, String> vars) {
        var m = PLACEHOLDER.matcher(template);
        var sb = new StringBuilder();
        while (m.find()) {
            var value = vars.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static List<String> fill(List<String> templates, Map<String, String> vars) {
        return templates.stream().map(t -> fill(t, vars)).toList();
    }

    @SafeVarargs
    private static List<String> union(List<String>... lists) {
        var all = new LinkedHashSet<String>();
        for (var list : lists) {
            all.addAll(list);
        }
        return new ArrayList<>(all);
    }

    private static String required(Map<String, String> texts, String key) {
        var text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no text for " + key);
        }
        return text;
    }
}
