package dev.mailflow.diagnosis;

import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.SmtpReply;
import dev.mailflow.text.UntrustedText;
import java.util.regex.Pattern;

/**
 * A reply line as a person pastes it: {@code 550 5.1.1 <x@y>: User unknown}, {@code 550-5.1.1 ...}
 * or only {@code 5.7.1 ...}. Text is capped: it was written by a stranger.
 *
 * @param code the basic code, or null when the line has none
 * @param enhanced the enhanced code at the start of the text, or null
 * @param text the text after the codes
 */
record ReplyLine(Integer code, EnhancedStatus enhanced, String text) {

    /** Long enough for any real reply line (RFC 5321 §4.5.3.1.5 allows 512 octets). */
    static final int MAX_TEXT = 1000;

    private static final Pattern BASIC = Pattern.compile("^([2-5]\\d\\d)(?:[ -]|$)");

    static ReplyLine parse(String input) {
        var rest = bounded(input).strip();
        Integer code = null;
        var m = BASIC.matcher(rest);
        if (m.find()) {
            code = Integer.parseInt(m.group(1));
            rest = rest.substring(m.end()).stripLeading();
        }
        var enhanced = EnhancedStatus.leading(rest).orElse(null);
        if (enhanced != null) {
            rest = rest.substring(enhanced.toString().length()).stripLeading();
        }
        return new ReplyLine(code, enhanced, rest);
    }

    /** A stranger's line through the one sanitizer, at the reply-line bound. */
    static String bounded(String text) {
        return UntrustedText.shown(text, MAX_TEXT);
    }

    /** The form vendor patterns are matched against: {@code "550 5.1.1 text"}. */
    String normalized() {
        return SmtpReply.oneLine(code, enhanced == null ? null : enhanced.toString(), text);
    }
}
