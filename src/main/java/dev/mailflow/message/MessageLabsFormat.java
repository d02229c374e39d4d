package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Broadcom (Symantec.cloud, formerly MessageLabs) Email Security.cloud's notice (as its customers
 * receive it: "This is an automatically generated Delivery Status Notification.", "Delivery to the
 * following recipients failed permanently:" with the recipients indented, then "Reason:" and the
 * remote reply). SmarterMail's notice has the same layout ("Delivery to the following recipients
 * failed.", "Reason: Remote host said: ...").
 */
final class MessageLabsFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("Delivery to the following recipients failed") || !body.contains("Reason:")) {
            return List.of();
        }
        var lines = body.lines();
        int list = TextScan.find(lines, 0, "Delivery to the following recipients failed");
        int reasonAt = TextScan.find(lines, list, "Reason:");
        var reason = reasonAt < 0 ? null : TextScan.after(TextScan.paragraph(lines, reasonAt), "Reason:");
        var found = new ArrayList<Found>();
        for (int i = list + 1; i < lines.size() && (reasonAt < 0 || i < reasonAt); i++) {
            var s = lines.get(i).strip();
            var a = TextScan.addressLine(s.startsWith("* ") ? s.substring(2) : s);
            if (a != null) {
                found.add(Found.of(a, reason));
            }
        }
        return found;
    }
}
