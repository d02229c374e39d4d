package dev.mailflow.web;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.text.UntrustedText;

/**
 * Turns a run's events into {@link TranscriptLine}s: the reply code and reply time come from the
 * event's reply detail, as the reply reader knew them.
 */
final class TranscriptReader {

    private final Knowledge knowledge;

    TranscriptReader(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    TranscriptLine read(ProbeEvent event) {
        var reply = event.kind() == ProbeEvent.Kind.RECEIVED ? event.detail(EventDetail.Reply.class) : null;
        var code = reply == null || reply.code() == 0 ? null : reply.code();
        return new TranscriptLine(
                event.seq(),
                event.at(),
                event.session(),
                event.kind(),
                Direction.of(event.kind()),
                UntrustedText.visible(event.text()),
                code,
                code == null ? null : hint(event.text()),
                code == null ? null : reply.ms());
    }

    /** The most specific entry's title (vendor, then enhanced, then basic code). */
    private String hint(String replyLine) {
        var explanation = knowledge.explain(replyLine);
        if (explanation == null) {
            return null;
        }
        return explanation.entries().stream().findFirst().map(CodeEntry::title).orElse(null);
    }
}
