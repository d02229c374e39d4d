package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Sendmail's returned mail (sendmail's {@code savemail.c} and the DSN it writes, as Sendmail 8
 * and V5 sendmail print it): "----- The following addresses had permanent fatal errors -----"
 * with {@code <kate@example.org>} and "(reason: 550 5.1.1 ...)", then "----- Transcript of session
 * follows -----" with "... while talking to mx.example.org.:", {@code >>>} for what sendmail sent
 * and {@code <<<} for the server's reply, and sendmail's summary line {@code 550 5.1.1
 * kate@example.org... User unknown}. Only a 4xx or 5xx reply is a failure: a {@code 354 Enter
 * mail} in the transcript is not. Trend Micro InterScan returns sendmail's text.
 */
final class SendmailFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("Transcript of session follows") && !body.contains("had permanent fatal errors")) {
            return List.of();
        }
        var lines = body.lines();
        var found = new ArrayList<Found>();
        String sentTo = null;
        for (int i = 0; i < lines.size(); i++) {
            var s = TextScan.line(lines.get(i)).strip();
            if (s.startsWith(">>>")) {
                var a = TextScan.address(s);
                if (a != null && s.toUpperCase(java.util.Locale.ROOT).contains("RCPT")) {
                    sentTo = a;
                }
                continue;
            }
            if (s.startsWith("(reason:")) {
                var a = i > 0 ? TextScan.address(lines.get(i - 1)) : null;
                add(found, a, s.substring(8, s.endsWith(")") ? s.length() - 1 : s.length()));
                continue;
            }
            var reply = s.startsWith("<<<") ? s.substring(3).strip() : s;
            if (!TextScan.REPLY_START.matcher(reply).lookingAt() || !(reply.startsWith("4") || reply.startsWith("5"))) {
                continue;
            }
            var a = TextScan.address(reply);
            add(found, a != null ? a : sentTo, reply);
        }
        return found;
    }

    /** One entry per address: the server's own reply wins over sendmail's summary of it. */
    private static void add(List<Found> found, String address, String reply) {
        for (var f : found) {
            if (f.address() != null && f.address().equals(address)) {
                return;
            }
        }
        found.add(Found.of(address, reply));
    }
}
