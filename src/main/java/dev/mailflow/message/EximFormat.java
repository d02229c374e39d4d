package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Exim's bounce and delay warning (Exim specification, chapter "Message processing" and the
 * default {@code bounce_message_text}/{@code warn_message_file}: "This message was created
 * automatically by mail delivery software.", "The following address(es) failed:", then each
 * address indented by two spaces and its error indented by four: {@code host mx [192.0.2.1]},
 * {@code SMTP error from remote mail server after RCPT TO:<kate@example.org>:}, then the reply;
 * newer versions put {@code host mx [192.0.2.1]: 550 ...} on one line). GMX / 1&amp;1 and mail.ru
 * send Exim-style bounces ("SMTP error from remote server for RCPT TO command, host: ... reason:
 * 550 ...").
 */
final class EximFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("SMTP error from remote ")
                && !body.contains("The following address(es) failed")
                && !body.contains("not yet been delivered")
                && !body.contains("could not be delivered to one or more of its recipients")) {
            return List.of();
        }
        var lines = body.lines();
        var found = new ArrayList<Found>();
        for (int i = 0; i < lines.size(); i++) {
            var line = TextScan.line(lines.get(i));
            // An address indented by up to a few spaces, alone or followed by a colon.
            if (line.isBlank() || line.startsWith("    ") || line.contains("SMTP error")) {
                continue;
            }
            var address = TextScan.addressLine(line);
            if (address == null) {
                continue;
            }
            var error = error(lines, i + 1);
            if (error == null && !found.isEmpty()) {
                continue;
            }
            found.add(Found.of(address, error));
        }
        return found;
    }

    /** The indented error block below an address, from the reply on; null when there is none. */
    private static String error(List<String> lines, int start) {
        var sb = new StringBuilder();
        String host = null;
        for (int i = start; i < lines.size() && i < start + TextScan.MAX_PARAGRAPH; i++) {
            var l = TextScan.line(lines.get(i));
            if (l.isBlank() || (!l.startsWith("   ") && TextScan.addressLine(l) != null)) {
                // A blank line, or the next address (indented less than its error) ends the block.
                break;
            }
            var s = l.strip();
            if (s.startsWith("SMTP error from remote")) {
                var reason = TextScan.after(s, "reason:");
                if (!reason.isEmpty()) {
                    return reason;
                }
                continue;
            }
            if (s.startsWith("host ") && s.contains("]:")) {
                sb.append(s.substring(s.indexOf("]:") + 2).strip());
                continue;
            }
            if (s.startsWith("host ")) {
                host = s;
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(s);
        }
        return sb.isEmpty() ? host : sb.toString();
    }
}
