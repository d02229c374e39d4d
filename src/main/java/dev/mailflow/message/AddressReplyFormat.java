package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The plainest layout many smaller MTAs and gateways share: a recipient and its reply on one line,
 * {@code kate@example.org: 550 5.1.1 ...} or {@code <kate@example.org>: 550 ...} (OpenSMTPD,
 * Postfix's local bounces, Haraka, hosting control panels). Tried after every family with its own
 * markers.
 */
final class AddressReplyFormat implements FormatReader {

    private static final Pattern ADDRESS_REPLY = Pattern.compile(
            "^\\s{0,8}<?([^\\s<>\"'():,;@]{1,64}@[A-Za-z0-9.-]{1,255})>?\\s?[:,]\\s{0,4}(?:ERROR CODE :)?\\s{0,4}([2-5]\\d\\d[ -].*)$");

    @Override
    public List<Found> read(BounceBody body) {
        return addressColonReply(body.lines());
    }

    static List<Found> addressColonReply(List<String> lines) {
        var found = new ArrayList<Found>();
        for (int i = 0; i < lines.size() && found.size() < DeliveryStatusFields.MAX_RECIPIENTS; i++) {
            var m = ADDRESS_REPLY.matcher(TextScan.line(lines.get(i)));
            if (m.matches()) {
                var text = new StringBuilder(m.group(2));
                // Wrapped replies continue on indented lines.
                for (int j = i + 1; j < lines.size() && j < i + TextScan.MAX_PARAGRAPH; j++) {
                    var next = lines.get(j);
                    if (next.isBlank() || !Character.isWhitespace(next.charAt(0))) {
                        break;
                    }
                    text.append(' ').append(TextScan.line(next).strip());
                }
                var reply = text.toString().replaceFirst("^(\\d{3}) - ", "$1 ");
                found.add(Found.of(m.group(1).toLowerCase(Locale.ROOT), reply));
            }
        }
        return found;
    }
}
