package dev.mailflow.diagnosis;

import dev.mailflow.smtp.EnhancedStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The remote replies in a pasted text: a reply line, a multi-line reply ({@code 550-5.7.26 ...}
 * continuation lines), or a whole bounce: an RFC 3464 delivery status notification ({@code
 * Diagnostic-Code: smtp; 550 ...}), an Exchange or Microsoft 365 report ("Remote server returned
 * '550 5.1.1 ...'"), Gmail's ("The response was: 550 ...") or Postfix's ("host mx[192.0.2.1] said:
 * 550 ... (in reply to RCPT TO command)").
 */
final class BounceText {

    /** More than any real bounce; the rest of a longer text is not read. */
    static final int MAX_CHARS = 64 * 1024;

    static final int MAX_REPLIES = 20;

    // A reply starts a line, or follows the words a bounce format puts before it. Possessive
    // quantifiers: a long run of spaces written by a stranger must not make the match backtrack.
    private static final Pattern START = Pattern.compile(
            "(?i)(?:^|said:|returned\\s*+['\"]?|returned:|smtp\\s*+;|was:|response:|error:|reply:)\\s*+['\"(]?\\s*+"
                    + "(?<code>[2-5]\\d\\d)(?<sep>[ -]|$)");

    private static final Pattern CODES_AT_START =
            Pattern.compile("^\\s*+[2-5]\\d\\d(?:[ -]|$)\\s*+(?:[245]\\.\\d{1,3}\\.\\d{1,3}\\b)?\\s*+");

    private static final Pattern IN_REPLY_TO = Pattern.compile("(?i)\\s*\\(in reply to [a-z ]{1,40} command\\)\\s*$");

    private BounceText() {}

    /** Every distinct remote reply in the text, in the order they appear. */
    static List<ReplyLine> replies(String pasted) {
        if (pasted == null || pasted.isBlank()) {
            return List.of();
        }
        var text = pasted.length() > MAX_CHARS ? pasted.substring(0, MAX_CHARS) : pasted;
        var found = new ArrayList<ReplyLine>();
        var seen = new LinkedHashSet<String>();
        Pending pending = null;
        for (var line : unfold(text)) {
            var m = START.matcher(line);
            if (!m.find()) {
                pending = flush(pending, found, seen);
                continue;
            }
            var code = Integer.parseInt(m.group("code"));
            var rest = line.substring(m.start("code"));
            if (pending != null && pending.code == code) {
                pending.texts.add(rest);
            } else {
                pending = flush(pending, found, seen);
                pending = new Pending(code);
                pending.texts.add(rest);
            }
            // "550-..." says more lines of this reply follow; "550 ..." ends it.
            if (!"-".equals(m.group("sep"))) {
                pending = flush(pending, found, seen);
            }
            if (found.size() >= MAX_REPLIES) {
                return found;
            }
        }
        flush(pending, found, seen);
        if (found.isEmpty() && text.strip().lines().count() == 1) {
            // One line without a code ("User unknown") or with only an enhanced code ("5.7.1 ...").
            var line = ReplyLine.parse(text.strip());
            if (line.code() == null || line.code() >= 200) {
                found.add(line);
            }
        }
        return found;
    }

    /** The text of a reply's lines without their codes, as one line. */
    static String joinedText(List<String> lines) {
        var sb = new StringBuilder();
        for (var line : lines) {
            var text = CODES_AT_START
                    .matcher(ReplyLine.bounded(line))
                    .replaceFirst("")
                    .strip();
            if (!text.isEmpty()) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(text);
            }
            if (sb.length() >= ReplyLine.MAX_TEXT) {
                break;
            }
        }
        return ReplyLine.bounded(sb.toString());
    }

    private static final class Pending {
        final int code;
        final List<String> texts = new ArrayList<>();

        Pending(int code) {
            this.code = code;
        }
    }

    private static Pending flush(Pending pending, List<ReplyLine> found, LinkedHashSet<String> seen) {
        if (pending == null) {
            return null;
        }
        var first = pending.texts.getFirst();
        var afterCode = first.substring(3).stripLeading();
        if (afterCode.startsWith("-")) {
            afterCode = afterCode.substring(1);
        }
        var enhanced = EnhancedStatus.leading(afterCode.stripLeading()).orElse(null);
        var text = IN_REPLY_TO.matcher(joinedText(pending.texts)).replaceFirst("");
        // Exchange quotes the reply: Remote server returned '550 5.1.1 ...'.
        if (text.endsWith("'") || text.endsWith("\"")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        var key = pending.code + " " + enhanced + " "
                + text.replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
        if (seen.add(key)) {
            found.add(new ReplyLine(pending.code, enhanced, text));
        }
        return null;
    }

    /**
     * Logical lines: quoting ("> ") removed, and indented lines joined to the line before, as
     * folded headers (RFC 5322 §2.2.3) and Postfix's wrapped bounce text are written. One pass over
     * the text: a logical line grows in a builder, never by copying what it holds so far.
     */
    private static List<String> unfold(String text) {
        var lines = new ArrayList<String>();
        StringBuilder current = null;
        for (var raw : text.split("\\R", -1)) {
            var line = unquoted(raw);
            if (current != null
                    && !line.isBlank()
                    && Character.isWhitespace(line.charAt(0))
                    && !START.matcher(line.strip()).lookingAt()) {
                current.append(' ').append(line.strip());
            } else {
                if (current != null) {
                    lines.add(current.toString());
                }
                current = new StringBuilder(line.strip());
            }
        }
        if (current != null) {
            lines.add(current.toString());
        }
        return lines;
    }

    /**
     * The line without its quote markers: any number of {@code >}, each after optional white space,
     * then one space. A plain loop: a regular expression with a repeated group recursed once per
     * marker, and 3,000 of them overflowed the stack.
     */
    static String unquoted(String line) {
        int end = 0;
        int at = 0;
        while (true) {
            while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            if (at >= line.length() || line.charAt(at) != '>') {
                break;
            }
            at++;
            end = at;
        }
        if (end == 0) {
            return line;
        }
        if (end < line.length() && line.charAt(end) == ' ') {
            end++;
        }
        return line.substring(end);
    }
}
