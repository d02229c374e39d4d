package dev.mailflow.message;

import java.util.List;

/**
 * Zoho Mail's bounce (as Zoho users receive it: "This message was created automatically by mail
 * delivery software. A message that you sent could not be delivered to one or more of its
 * recipients. This is a permanent error.", then {@code kate@example.org, ERROR CODE :550 - 5.1.1
 * ...}).
 */
final class ZohoFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("ERROR CODE :")) {
            return List.of();
        }
        return AddressReplyFormat.addressColonReply(body.lines());
    }
}
