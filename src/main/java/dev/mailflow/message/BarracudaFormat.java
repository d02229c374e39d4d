package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Barracuda Email Security Gateway's notice (as senders receive it: "Your message could not be
 * delivered ...", then {@code Reason: 550 permanent failure for one or more recipients
 * (kate@example.org:550 5.1.1 User unknown)}: the recipient and the remote reply in parentheses,
 * or a Barracuda word such as {@code blocked}).
 */
final class BarracudaFormat implements FormatReader {

    private static final Pattern RECIPIENT =
            Pattern.compile("\\(([^\\s():@]{1,64}@[A-Za-z0-9.-]{1,255}):([^()]{1,1000})\\)");

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("failure for one or more recipients")) {
            return List.of();
        }
        var found = new ArrayList<Found>();
        for (var line : body.lines()) {
            var s = TextScan.line(line);
            if (!s.contains("failure for one or more recipients")) {
                continue;
            }
            var m = RECIPIENT.matcher(s);
            var code = s.replaceFirst("^.*?Reason:\\s*", "").strip();
            var basic = code.length() >= 3 && Character.isDigit(code.charAt(0)) ? code.substring(0, 3) : "";
            while (m.find()) {
                var said = m.group(2).strip();
                var reply = TextScan.REPLY_START.matcher(said).lookingAt() ? said : (basic + " " + said).strip();
                found.add(Found.of(m.group(1).toLowerCase(Locale.ROOT), reply));
            }
        }
        return found;
    }
}
