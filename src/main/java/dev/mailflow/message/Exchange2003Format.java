package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Exchange 2000/2003's non-delivery report (the report Exchange 2003 writes, as Microsoft's KB
 * articles on NDR codes show it): "Your message did not reach some or all of the intended
 * recipients.", "The following recipient(s) could not be reached:", then {@code kate@example.org on
 * 1/2/2006 10:00 AM} and indented below it the explanation, ending with the server and status in
 * angle brackets: {@code <mail.contoso.com #5.1.1>}. hMailServer writes the same layout with the
 * address unindented and "Remote server replied: 550 ..." below it.
 */
final class Exchange2003Format implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("could not be reached") || !body.contains("did not reach")) {
            return List.of();
        }
        var lines = body.lines();
        var found = new ArrayList<Found>();
        int list = TextScan.find(lines, 0, "could not be reached");
        for (int i = list + 1; i < lines.size(); i++) {
            var line = TextScan.line(lines.get(i));
            var address = TextScan.addressLine(line);
            if (address == null) {
                continue;
            }
            var text = TextScan.paragraph(lines, i + 1);
            var remote = ExchangeFormat.reply(text);
            found.add(Found.of(address, remote != null ? remote : text));
        }
        return found;
    }
}
