package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * HCL (Lotus) Domino / Notes delivery failure report (the router's "Delivery Failure Report" as
 * Notes mail shows it): "Your message", its subject, "was not delivered to:", the recipients
 * indented, "because:" and the reason ("User kate (kate@example.org) not listed in Domino
 * Directory", or the remote reply).
 */
final class DominoFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("was not delivered to:") || !body.contains("because:")) {
            return List.of();
        }
        var lines = body.lines();
        int to = TextScan.find(lines, 0, "was not delivered to:");
        int because = TextScan.find(lines, to, "because:");
        if (to < 0 || because < 0) {
            return List.of();
        }
        int next = TextScan.nextText(lines, because + 1);
        var reason = next < 0 ? null : TextScan.paragraph(lines, next);
        var found = new ArrayList<Found>();
        for (int i = to + 1; i < because; i++) {
            var a = TextScan.addressLine(lines.get(i));
            if (a != null) {
                found.add(Found.of(a, reason));
            }
        }
        return found;
    }
}
