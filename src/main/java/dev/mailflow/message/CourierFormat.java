package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Courier MTA's delivery status notification (courier's {@code courierdsn} text: "UNDELIVERABLE
 * MAIL", "Your message to the following recipients cannot be delivered:", then per recipient
 * {@code <kate@example.org>:}, the server {@code mx.example.org [192.0.2.1]:}, and the dialogue with
 * {@code >>> RCPT TO:<...>} and the reply on {@code <<<} lines).
 */
final class CourierFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("UNDELIVERABLE MAIL") && !body.contains("DELAYED MAIL")) {
            return List.of();
        }
        var lines = body.lines();
        var found = new ArrayList<Found>();
        String address = null;
        var reply = new StringBuilder();
        for (var raw : lines) {
            var s = TextScan.line(raw).strip();
            var a = s.startsWith("<") && s.endsWith(">:") ? TextScan.address(s) : null;
            if (a != null) {
                flush(found, address, reply);
                address = a;
            } else if (s.startsWith("<<<") && address != null) {
                var r = s.substring(3).strip();
                if (r.startsWith("4") || r.startsWith("5")) {
                    reply.append(reply.isEmpty() ? "" : " ").append(r);
                }
            }
        }
        flush(found, address, reply);
        return found;
    }

    private static void flush(List<Found> found, String address, StringBuilder reply) {
        if (address != null) {
            found.add(Found.of(address, reply.isEmpty() ? null : reply.toString()));
        }
        reply.setLength(0);
    }
}
