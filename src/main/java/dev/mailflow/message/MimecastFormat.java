package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Mimecast's non-delivery notification (as senders receive it: "Your message couldn't be delivered
 * to the recipients shown below.", the recipients, then "The reason for the problem:" and a line
 * such as {@code 5.1.0 - Unknown address error 550-'5.1.1 <kate@example.org>: User unknown'} that
 * quotes the remote reply, or Mimecast's own policy reason). Proofpoint's notice shares the reason
 * part and names the recipient as "The following message to &lt;kate@example.org&gt; was
 * undeliverable.".
 */
final class MimecastFormat implements FormatReader {

    // The remote reply Mimecast quotes inside its own line: 550-'...'
    private static final Pattern QUOTED = Pattern.compile("([2-5]\\d\\d)[- ]'([^']{1,1000})'");

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("The reason for the problem:")) {
            return List.of();
        }
        var lines = body.lines();
        int reasonAt = TextScan.find(lines, 0, "The reason for the problem:");
        int next = TextScan.nextText(lines, reasonAt + 1);
        var reason = next < 0 ? null : TextScan.paragraph(lines, next);
        if (reason != null) {
            var quoted = QUOTED.matcher(reason);
            if (quoted.find()) {
                reason = quoted.group(1) + " " + quoted.group(2);
            }
        }
        var found = new ArrayList<Found>();
        for (int i = 0; i < reasonAt; i++) {
            var line = lines.get(i);
            // Proofpoint's variant names the recipient in a sentence.
            var a = line.contains("The following message to ") ? TextScan.address(line) : TextScan.addressLine(line);
            if (a != null) {
                found.add(Found.of(a, reason));
            }
        }
        if (found.isEmpty() && reason != null) {
            found.add(Found.of(null, reason));
        }
        return found;
    }
}
