package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Phase;
import java.util.List;

/**
 * What one finding says, as written in {@code knowledge/findings.yaml}.
 *
 * @param phases for reply findings, the phases the reply must come from (empty: any)
 * @param entries for reply findings, the knowledge entries that pick this finding; causes, fixes,
 *     owner and refs not given here come from the matched entry
 * @param artifact whether the refusal comes from how the test ran (our name, our IP address), so a
 *     real sender would not meet it
 * @param reason the reason this finding reports; for reply findings also the reason whose text
 *     picks it ({@code UNRECOGNISED} marks the catch-alls)
 * @param risk what this finding means for mail whose envelope was accepted (null: nothing)
 * @param setup whether the finding is about mailflow's own configuration (a note for its
 *     administrator, not for the person reading the run)
 */
record FindingText(
        String id,
        Severity severity,
        String title,
        List<String> causes,
        List<String> fixes,
        Owner owner,
        List<String> refs,
        List<Phase> phases,
        List<String> entries,
        Boolean artifact,
        Reason reason,
        Risk risk,
        Boolean setup) {

    FindingText {
        causes = causes == null ? List.of() : List.copyOf(causes);
        fixes = fixes == null ? List.of() : List.copyOf(fixes);
        refs = refs == null ? List.of() : List.copyOf(refs);
        phases = phases == null ? List.of() : List.copyOf(phases);
        entries = entries == null ? List.of() : List.copyOf(entries);
        artifact = artifact != null && artifact;
        risk = risk == null ? Risk.NONE : risk;
        setup = setup != null && setup;
    }

    boolean explainsReplies() {
        return !entries.isEmpty();
    }

    boolean appliesTo(Phase phase, CodeEntry entry) {
        return fits(phase) && entries.contains(entry.key());
    }

    /**
     * A reply without a phase (one pasted in the explainer) fits every finding except those about the
     * greeting alone: most pasted replies answer a command.
     */
    boolean fits(Phase phase) {
        if (phase == null) {
            return !phases.equals(List.of(Phase.BANNER));
        }
        return phases.isEmpty() || phases.contains(phase);
    }

    boolean catchAll() {
        return reason == Reason.UNRECOGNISED;
    }
}
