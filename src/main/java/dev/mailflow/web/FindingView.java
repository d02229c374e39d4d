package dev.mailflow.web;

import dev.mailflow.diagnosis.Actor;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.text.UntrustedText;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A finding as the page shows it, with the transcript line that shows it.
 *
 * @param evidenceSeq the seq of the transcript line quoted as evidence (the link {@code #ev-<seq>}),
 *     null when the evidence is not a transcript line (e.g. a DNS fact)
 */
record FindingView(Finding finding, String evidence, Long evidenceSeq) {

    static FindingView of(Finding finding, List<ProbeEvent> events) {
        var evidence = finding.evidence();
        if (evidence == null) {
            return new FindingView(finding, null, null);
        }
        var seq = events.stream()
                .filter(e -> e.kind() == ProbeEvent.Kind.RECEIVED || e.kind() == ProbeEvent.Kind.SENT)
                .filter(e -> Objects.equals(e.session(), evidence.session()))
                .filter(e -> Objects.equals(e.text(), evidence.line()))
                .map(ProbeEvent::seq)
                .findFirst()
                .orElse(null);
        return new FindingView(finding, UntrustedText.visible(evidence.line()), seq);
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
