package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Ipswitch (Progress) IMail Server's returned mail (its delivery failure notice: "Unknown user:
 * kate@example.org" for a local recipient, or "Body of message generated response:" followed by
 * the remote server's reply, then "Original message follows.").
 */
final class IMailFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("Body of message generated response:") && !body.contains("Unknown user:")) {
            return List.of();
        }
        var lines = body.lines();
        var found = new ArrayList<Found>();
        for (var line : lines) {
            var s = TextScan.line(line).strip();
            if (s.startsWith("Unknown user:")) {
                found.add(Found.of(TextScan.address(s), "550 Unknown user"));
            }
        }
        int generated = TextScan.find(lines, 0, "Body of message generated response:");
        if (generated >= 0) {
            String address = null;
            for (int i = generated + 1; i < lines.size() && i < generated + 20; i++) {
                var s = TextScan.line(lines.get(i)).strip();
                if (address == null) {
                    address = TextScan.address(s);
                }
                if (TextScan.REPLY_START.matcher(s).lookingAt()) {
                    found.add(Found.of(
                            TextScan.address(s) != null ? TextScan.address(s) : address, TextScan.paragraph(lines, i)));
                    break;
                }
            }
        }
        return found;
    }
}
