package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * qmail's bounce (qmail-send's {@code qmail-send.c} text: "Hi. This is the qmail-send program at
 * ...", "I'm afraid I wasn't able to deliver your message to the following addresses.", then per
 * recipient {@code <kate@example.org>:}, lines such as "192.0.2.1 does not like recipient." and
 * "Remote host said: 550 5.1.1 ...", or qmail's own "Sorry, no mailbox here by that name.
 * (#5.1.1)"). Yahoo and AOL (on Yahoo's servers) send this layout: "Sorry, we were unable to
 * deliver your message to the following address.".
 */
final class QmailFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("qmail-send program")
                && !body.contains("wasn't able to deliver your message to the following addresses")
                && !body.contains("unable to deliver your message to the following address")) {
            return List.of();
        }
        var lines = body.lines();
        var found = new ArrayList<Found>();
        for (int i = 0; i < lines.size(); i++) {
            var s = TextScan.line(lines.get(i)).strip();
            if (!(s.startsWith("<") && s.endsWith(">:"))) {
                continue;
            }
            var address = TextScan.address(s);
            var paragraph = TextScan.paragraph(lines, i + 1);
            var said = paragraph.indexOf("Remote host said:");
            var reply = said >= 0 ? paragraph.substring(said + 17) : paragraph;
            // "Giving up on 192.0.2.1." follows the reply; it is qmail's note, not the server's.
            int giving = reply.indexOf("Giving up on");
            found.add(Found.of(address, giving > 0 ? reply.substring(0, giving) : reply));
        }
        return found;
    }
}
