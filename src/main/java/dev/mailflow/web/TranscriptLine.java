package dev.mailflow.web;

import dev.mailflow.probe.ProbeEvent;
import java.util.Locale;

/**
 * One event of a run as the pages show it.
 *
 * @param text the event's text with control characters made visible (a bare CR from a server is
 *     shown as ␍, never passed on)
 * @param code the reply code a received line starts with, else null
 * @param codeHint a short explanation of that code (tooltip), else null
 * @param replyMs for the last line of a reply, the time since the command (or the connect), else null
 */
record TranscriptLine(
        long seq,
        long at,
        String session,
        ProbeEvent.Kind kind,
        Direction dir,
        String text,
        Integer code,
        String codeHint,
        Long replyMs) {

    /** The SSE event name of the HTML stream, documented in the run fragment. */
    public String event() {
        return switch (kind) {
            case PLAN -> "plan";
            case SESSION -> "session";
            case OUTCOME -> "outcome";
            case VERDICT -> "verdict";
            case POSTURE -> "posture";
            case FINDING -> "finding";
            case DONE -> "done";
            case SENT, RECEIVED, INFO, TLS, ERROR -> "line";
        };
    }

    /** Whether the line belongs in the transcript region (not the plan, verdict, findings or status). */
    boolean inTranscript() {
        return switch (kind) {
            case SESSION, OUTCOME, SENT, RECEIVED, INFO, TLS, ERROR -> true;
            case PLAN, VERDICT, POSTURE, FINDING, DONE -> false;
        };
    }

    /** The kind in lower case, for the CSS class. */
    public String kindWord() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The part of a received line after its code, so the code can be a link. */
    public String rest() {
        return code == null ? text : text.substring(3);
    }
}
