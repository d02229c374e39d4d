package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Japanese mobile carriers' notices (as their senders receive them): NTT docomo's "The following
 * recipients did not receive this message:" with {@code <kate@docomo.ne.jp>}, and au / KDDI
 * (ezweb.ne.jp, au.com): "Your mail sent on: ... could not be delivered to the following address:"
 * or "Could not be delivered to: <kate@au.com>", followed by the carrier's reason ("As their
 * mailbox is full.", "The user(s) account is disabled.").
 */
final class JapaneseCarrierFormat implements FormatReader {

    private static final List<String> MARKERS = List.of(
            "did not receive this message",
            "could not be delivered\n to the following address",
            "to the following address:",
            "Could not be delivered to:");

    @Override
    public List<Found> read(BounceBody body) {
        if (MARKERS.stream().noneMatch(body::contains)) {
            return List.of();
        }
        var lines = body.lines();
        var found = new ArrayList<Found>();
        for (int i = 0; i < lines.size(); i++) {
            var s = TextScan.line(lines.get(i)).strip();
            var a = s.startsWith("Could not be delivered to:") ? TextScan.address(s) : TextScan.addressLine(s);
            if (a == null || a.startsWith("postmaster@")) {
                continue;
            }
            int next = TextScan.nextText(lines, i + 1);
            var reason = next < 0 ? null : TextScan.paragraph(lines, next);
            if (reason != null && (reason.startsWith("Please reply to") || TextScan.addressLine(reason) != null)) {
                reason = null;
            }
            found.add(Found.of(a, reason));
        }
        return found;
    }
}
