package dev.mailflow.message;

import java.util.List;

/**
 * OpenSMTPD's bounce (smtpd's {@code bounce.c}: "Hi!", "This is the MAILER-DAEMON, please DO NOT
 * REPLY to this email.", "An error has occurred while attempting to deliver a message for the
 * following list of recipients:", then one line per recipient, {@code kate@example.org: 550 5.1.1
 * ...}, and "Below is a copy of the original message:"). A delay notice says "has not been
 * delivered yet" and "will continue to retry".
 */
final class OpenSmtpdFormat implements FormatReader {

    @Override
    public List<Found> read(BounceBody body) {
        if (!body.contains("This is the MAILER-DAEMON, please DO NOT REPLY")) {
            return List.of();
        }
        return AddressReplyFormat.addressColonReply(body.lines());
    }
}
