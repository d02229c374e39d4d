package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Phase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which finding a 4xx or 5xx reply becomes and what it says: the finding its vendor entry, its reason
 * or its codes pick, with the texts of {@code findings.yaml}, {@code reasons.yaml} and the knowledge
 * entries.
 */
final class ReplyWording {

    /** A catch-all names the two or three most likely causes of the code, not every cause there is. */
    private static final int CATCH_ALL_CAUSES = 3;

    private final Wording wording;
    private final Map<Reason, KnowledgeFiles.ReasonText> reasons;
    private final String contradiction;

    ReplyWording(Wording wording, KnowledgeFiles.ReasonsFile reasonsFile) {
        this.wording = wording;
        var byReason = new EnumMap<Reason, KnowledgeFiles.ReasonText>(Reason.class);
        for (var reason : reasonsFile.reasons()) {
            if (byReason.putIfAbsent(reason.reason(), reason) != null) {
                throw new IllegalStateException("reason written twice: " + reason.reason());
            }
            for (var id : reason.findings()) {
                if (!wording.has(id)) {
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
                for (var text : wording.findings()) {
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
                    var text = wording.text(id);
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
            for (var text : wording.findings()) {
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
        List<String> causes;
        List<String> fixes;
        Owner owner;
        List<String> refs;
        if (pick.byReason()) {
            var named = reasons.get(reason.reason());
            withEntry.put("entry", reason.detail() != null ? reason.detail() : named.title());
            // A provider's own entry explains its code better than the reason's general texts.
            var vendor = primary.kind() == CodeEntry.Kind.VENDOR && primary.reason() == reason.reason();
            causes = new ArrayList<>();
            if (reason.contradicts()) {
                causes.add(contradiction(withEntry.getOrDefault("codes", primary.key()), reason));
            }
            causes.addAll(Wording.union(
                    Wording.fill(text.causes(), withEntry),
                    vendor ? primary.causes() : Wording.fill(named.causes(), withEntry)));
            fixes = Wording.union(
                    Wording.fill(text.fixes(), withEntry),
                    vendor ? primary.fixes() : Wording.fill(named.fixes(), withEntry));
            owner = text.owner() != null ? text.owner() : vendor ? primary.owner() : named.owner();
            refs = Wording.union(text.refs(), vendor ? primary.refs() : named.refs());
        } else {
            causes = Wording.union(
                    Wording.fill(text.causes(), withEntry),
                    primary.causes(),
                    pick.entry().causes());
            if (text.catchAll() && causes.size() > CATCH_ALL_CAUSES) {
                causes = new ArrayList<>(causes.subList(0, CATCH_ALL_CAUSES));
            }
            fixes = Wording.union(
                    Wording.fill(text.fixes(), withEntry),
                    primary.fixes(),
                    pick.entry().fixes());
            owner = text.owner() == null ? primary.owner() : text.owner();
            refs = Wording.union(text.refs(), primary.refs(), pick.entry().refs());
        }
        return new Finding(
                severity,
                text.id(),
                Wording.fill(text.title(), withEntry),
                causes,
                fixes,
                owner,
                evidence,
                refs,
                reason.reason());
    }

    /** The sentence that says the code names another cause than the text, which mailflow follows. */
    String contradiction(String codes, ReplyReason reason) {
        return Wording.fill(
                contradiction,
                Map.of(
                        "codes", codes,
                        "codereason", reason.codeSays().words(),
                        "textreason", reason.reason().words()));
    }
}
