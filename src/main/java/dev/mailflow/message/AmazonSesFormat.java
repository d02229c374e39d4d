package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Amazon SES and WorkMail bounces (the notice from MAILER-DAEMON@amazonses.com: "An error occurred
 * while trying to deliver the mail to the following recipients:" with one address a line; the
 * reply is in the report's delivery status fields, which are read first).
 */
final class AmazonSesFormat implements FormatReader {

    private static final String MARKER =
            "An error occurred while trying to deliver the mail to the following recipients";

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains(MARKER)) {
            return List.of();
        }
        var lines = body.lines();
        var found = new ArrayList<Found>();
        for (int i = TextScan.find(lines, 0, MARKER) + 1; i < lines.size(); i++) {
            var a = TextScan.addressLine(lines.get(i));
            if (a == null) {
                if (!found.isEmpty()) {
                    break;
                }
                continue;
            }
            found.add(Found.of(a, null));
        }
        return found;
    }
}
