package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Postfix's bounce text (bounce(8) with its default bounce.cf templates: "This is the mail system
 * at host ...", then one paragraph per recipient: {@code <kate@example.org>: host mx[192.0.2.1]
 * said: 550 5.1.1 ... (in reply to RCPT TO command)}, wrapped with indented lines; local failures
 * read {@code <kate@example.org>: unknown user: "kate"}). Yandex, iCloud and many hosters run
 * Postfix with a translated preamble and the same recipient paragraphs.
 */
final class PostfixFormat implements FormatReader {

    private static final Pattern PARAGRAPH =
            Pattern.compile("^<([^<>\\s]{1,320})>(?:\\s\\(expanded from <[^<>]{1,320}>\\))?:\\s(.*)$");

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("This is the mail system at host")
                && !body.contains("said: ")
                && !body.contains("(in reply to ")) {
            return List.of();
        }
        var lines = body.lines();
        var found = new ArrayList<Found>();
        for (int i = 0; i < lines.size(); i++) {
            var m = PARAGRAPH.matcher(TextScan.line(lines.get(i)));
            if (!m.matches()) {
                continue;
            }
            var text = TextScan.paragraph(lines, i).substring(m.start(2));
            var said = text.indexOf(" said: ");
            var host = said > 0 && text.startsWith("host ")
                    ? text.substring(5, said).strip()
                    : null;
            var reply = said > 0 ? text.substring(said + 7) : text;
            var f = Found.of(m.group(1).toLowerCase(java.util.Locale.ROOT), reply);
            found.add(host == null ? f : f.withRemoteMta(host.replaceAll("\\[.*$", "")));
        }
        return found;
    }
}
