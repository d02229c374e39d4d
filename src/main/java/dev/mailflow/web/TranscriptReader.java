package dev.mailflow.web;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.Explanation;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.text.UntrustedText;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Turns a run's events into {@link TranscriptLine}s: the reply code, enhanced status and reply time
 * come from the event's reply detail, as the reply reader knew them; the text only adds a vendor's
 * wording.
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
                code == null ? null : hint(knowledge.explain(code, reply.enhanced(), event.text())),
                code == null ? null : reply.ms());
    }

    /**
     * The basic code's title, refined by the enhanced code's and a vendor's, when the reply has them:
     * the enhanced code refines the basic one, it does not replace it ("220 2.0.0" is still "ready").
     */
    private static String hint(Explanation explanation) {
        if (explanation == null || explanation.entries().isEmpty()) {
            return null;
        }
        var basic = title(explanation, CodeEntry.Kind.BASIC);
        var refinements = new ArrayList<String>();
        title(explanation, CodeEntry.Kind.ENHANCED).ifPresent(t -> refinements.add(explanation.enhanced() + ": " + t));
        title(explanation, CodeEntry.Kind.VENDOR).ifPresent(refinements::add);
        if (basic.isEmpty()) {
            return String.join("; ", refinements);
        }
        return refinements.isEmpty() ? basic.get() : basic.get() + " (" + String.join("; ", refinements) + ")";
    }

    private static Optional<String> title(Explanation explanation, CodeEntry.Kind kind) {
        return explanation.entries().stream()
                .filter(e -> e.kind() == kind)
                .map(CodeEntry::title)
                .findFirst();
    }
}
