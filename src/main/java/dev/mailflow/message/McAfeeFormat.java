package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * McAfee (Trellix) Email Gateway's notice (as senders receive it: "--- The following addresses had
 * delivery problems ---", each recipient as {@code <kate@example.org>   (User unknown)}, then "---
 * Session Transcript ---" with the server's reply on {@code <<<} lines).
 */
final class McAfeeFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("The following addresses had delivery problems")) {
            return List.of();
        }
        var lines = body.lines();
        String transcriptReply = null;
        for (var line : lines) {
            var s = TextScan.line(line).strip();
            if (s.startsWith("<<<") && (s.startsWith("<<< 4") || s.startsWith("<<< 5"))) {
                transcriptReply = s.substring(3).strip();
            }
        }
        var found = new ArrayList<Found>();
        int list = TextScan.find(lines, 0, "The following addresses had delivery problems");
        for (int i = list + 1; i < lines.size(); i++) {
            var s = TextScan.line(lines.get(i)).strip();
            if (s.startsWith("---")) {
                break;
            }
            var a = TextScan.addressLine(s);
            if (a != null) {
                int open = s.indexOf('(');
                var own = open > 0 && s.endsWith(")") ? s.substring(open + 1, s.length() - 1) : null;
                found.add(Found.of(a, transcriptReply != null ? transcriptReply : own));
            }
        }
        return found;
    }
}
