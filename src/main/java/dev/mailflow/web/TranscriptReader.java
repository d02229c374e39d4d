package dev.mailflow.web;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.text.UntrustedText;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a run's events, in order, into {@link TranscriptLine}s. It remembers, per session, when the
 * last command was sent, so the last line of a reply can show how long the server took. One reader
 * per page or subscriber; not shared between threads.
 */
final class TranscriptReader {

    /** RFC 5321 §4.2: a reply line is a three-digit code, then a space on the last line or a hyphen. */
    private static final Pattern REPLY_LINE = Pattern.compile("^([2-5][0-9][0-9])([ -]|$)");

    private final Knowledge knowledge;
    private final Map<String, Long> lastSent = new HashMap<>();

    TranscriptReader(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    /** Follows an event already shown elsewhere (a reconnecting stream), without explaining it. */
    void skip(ProbeEvent event) {
        if (event.kind() == ProbeEvent.Kind.SESSION || event.kind() == ProbeEvent.Kind.SENT) {
            lastSent.put(event.session(), event.at());
        }
    }

    TranscriptLine read(ProbeEvent event) {
        Integer code = null;
        Long replyMs = null;
        if (event.kind() == ProbeEvent.Kind.SESSION || event.kind() == ProbeEvent.Kind.SENT) {
            lastSent.put(event.session(), event.at());
        } else if (event.kind() == ProbeEvent.Kind.RECEIVED && event.text() != null) {
            var m = REPLY_LINE.matcher(event.text());
            if (m.find()) {
                code = Integer.parseInt(m.group(1));
                var since = lastSent.get(event.session());
                if (!"-".equals(m.group(2)) && since != null) {
                    replyMs = event.at() - since;
                }
            }
        }
        return new TranscriptLine(
                event.seq(),
                event.at(),
                event.session(),
                event.kind(),
                Direction.of(event.kind()),
                UntrustedText.visible(event.text()),
                code,
                code == null ? null : hint(event.text()),
                replyMs);
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
