package dev.mailflow.smtp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One complete server reply (RFC 5321 §4.2): the three-digit code, the enhanced status when the
 * text starts with one, the lines as received (code and separator included, CRLF removed), the
 * time from the end of the command (or the connect) to the reply's last line, and any flaws.
 *
 * <p>A reply whose first line carries no code at all has {@code code == 0} and the flaw
 * {@link ReplyFlaw#MALFORMED_LINE}.
 */
public record SmtpReply(int code, EnhancedStatus enhanced, List<String> lines, Duration took, Set<ReplyFlaw> flaws) {

    public SmtpReply {
        lines = List.copyOf(lines);
        flaws = Set.copyOf(flaws);
    }

    public Optional<EnhancedStatus> enhancedStatus() {
        return Optional.ofNullable(enhanced);
    }

    /** The first digit: 2 success, 3 more input needed, 4 transient failure, 5 permanent failure. */
    public int codeClass() {
        return code / 100;
    }

    public boolean isPositive() {
        return codeClass() == 2 || codeClass() == 3;
    }

    public boolean isTransient() {
        return codeClass() == 4;
    }

    public boolean isPermanent() {
        return codeClass() == 5;
    }

    public boolean isMalformed() {
        return code == 0 || flaws.contains(ReplyFlaw.MALFORMED_LINE) || flaws.contains(ReplyFlaw.CODE_MISMATCH);
    }

    /** The text of every line without the code and separator, joined by a space. */
    public String text() {
        var sb = new StringBuilder();
        for (var line : lines) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(line.length() > 4 ? line.substring(4) : "");
        }
        return sb.toString();
    }

    /**
     * A quoted reply as one line, {@code "550 5.1.1 text"}: the code and enhanced status first, each
     * left out when missing; the form the knowledge base's patterns are matched against.
     */
    public static String oneLine(Integer code, String enhanced, String text) {
        var sb = new StringBuilder();
        if (code != null) {
            sb.append(code).append(' ');
        }
        if (enhanced != null) {
            sb.append(enhanced).append(' ');
        }
        return sb.append(text).toString().strip();
    }
}
