package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Gmail, Google Workspace and Google Groups bounces (the notices from mailer-daemon@googlemail.com
 * as Gmail users receive them): a headline ("** Address not found **", "** Message not delivered
 * **", "** Message blocked **", "** Delivery incomplete **" for a delay), a sentence naming the
 * recipients ("Your message wasn't delivered to kate@example.org because ..."), then "The response
 * from the remote server was:" or "The response was:" and the reply. The older layout: "Delivery
 * to the following recipient failed permanently:" with the address indented, then "The error that
 * the other server returned was:".
 */
final class GoogleFormat implements FormatReader {

    private static final List<String> REPLY_MARKERS = List.of(
            "The response from the remote server was:",
            "The response was:",
            "The error that the other server returned was:");

    private static final List<String> NAMING = List.of(
            "wasn't delivered to ", "delivering your message to ", "Your message to ", "couldn't be delivered to ");

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("** Address not found **")
                && !body.contains("** Message not delivered **")
                && !body.contains("** Message blocked **")
                && !body.contains("** Delivery incomplete **")
                && !body.contains("Delivery to the following recipient")
                && !body.contains("Google tried to deliver your message")) {
            return List.of();
        }
        var lines = body.lines();
        var addresses = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            var s = TextScan.line(lines.get(i));
            if (s.contains("Delivery to the following recipient")) {
                for (int j = i + 1; j < lines.size() && j < i + 40; j++) {
                    var a = TextScan.addressLine(lines.get(j));
                    if (a != null) {
                        addresses.add(a);
                    } else if (!lines.get(j).isBlank()) {
                        break;
                    }
                }
            }
            if (addresses.isEmpty()) {
                named(s, addresses);
            }
        }
        String reply = null;
        for (var marker : REPLY_MARKERS) {
            int at = TextScan.find(lines, 0, marker);
            if (at >= 0) {
                var after = TextScan.after(lines.get(at), marker);
                int next = TextScan.nextText(lines, at + 1);
                reply = !after.isEmpty() ? after : next < 0 ? null : TextScan.paragraph(lines, next);
                break;
            }
        }
        if (reply == null) {
            // No reply quoted ("... because the domain example.org couldn't be found."): Google's own words.
            int because = TextScan.find(lines, 0, " because ");
            reply = because < 0 ? null : TextScan.after(lines.get(because), " because ");
        }
        var found = new ArrayList<Found>();
        for (var a : addresses) {
            found.add(Found.of(a, reply));
        }
        if (found.isEmpty() && reply != null) {
            found.add(Found.of(null, reply));
        }
        return found;
    }

    /** "Your message wasn't delivered to a@x, b@y because ...": the addresses before the verb. */
    private static void named(String line, List<String> addresses) {
        for (var naming : NAMING) {
            int at = line.indexOf(naming);
            if (at < 0) {
                continue;
            }
            var rest = line.substring(at + naming.length());
            for (var end : List.of(" because", " has been", " couldn't", " could not", ". ")) {
                int cut = rest.indexOf(end);
                if (cut >= 0) {
                    rest = rest.substring(0, cut);
                }
            }
            var m = TextScan.ADDRESS.matcher(rest);
            while (m.find() && addresses.size() < DeliveryStatusFields.MAX_RECIPIENTS) {
                var a = m.group(1).toLowerCase(java.util.Locale.ROOT);
                if (!addresses.contains(a)) {
                    addresses.add(a);
                }
            }
            return;
        }
    }
}
