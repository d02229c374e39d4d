package dev.mailflow.web;

import dev.mailflow.diagnosis.Actor;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.text.UntrustedText;
import java.util.Locale;
import java.util.Objects;

/**
 * A finding as the page shows it, with the transcript line that shows it.
 *
 * @param evidenceSeq the seq of the transcript line quoted as evidence (the link {@code #ev-<seq>}),
 *     null when the evidence is not a transcript line (e.g. a DNS fact)
 */
record FindingView(Finding finding, String evidence, Long evidenceSeq) {

    /** @param evidenceSeq the seq of the transcript line the finding quotes (see {@link #shows}), or null */
    static FindingView of(Finding finding, Long evidenceSeq) {
        var evidence = finding.evidence();
        if (evidence == null) {
            return new FindingView(finding, null, null);
        }
        return new FindingView(finding, UntrustedText.visible(evidence.line()), evidenceSeq);
    }

    /** Whether {@code event} is the transcript line {@code finding} quotes as its evidence. */
    static boolean shows(Finding finding, ProbeEvent event) {
        var evidence = finding.evidence();
        return evidence != null
                && (event.kind() == ProbeEvent.Kind.RECEIVED || event.kind() == ProbeEvent.Kind.SENT)
                && Objects.equals(event.session(), evidence.session())
                && Objects.equals(event.text(), evidence.line());
    }

    /** An OK finding needs no causes, fixes or owner: "nothing to fix, nobody must act" is noise. */
    public boolean positive() {
        return finding.severity() == Severity.OK;
    }

    public String severityWord() {
        return finding.severity().name().toLowerCase(Locale.ROOT);
    }

    /** Who must act, named as a person: "the recipient's mail admin", "our DNS admin", "the user". */
    public String ownerWords() {
        return Actor.of(finding).words();
    }
}
