package dev.mailflow.inbox;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The RFC5322.From domain DMARC is about (RFC 7489 §6.6.1): the domain of the one mailbox in the
 * one From: header, read with Angus Mail's header parser; none when there are several headers,
 * several mailboxes, or none.
 */
final class SenderDomain {

    private SenderDomain() {}

    static Optional<String> ofHeaders(byte[] message) {
        try {
            var headers = new InternetHeaders(new ByteArrayInputStream(message));
            String[] from = headers.getHeader("From");
            if (from == null || from.length != 1) {
                return Optional.empty();
            }
            InternetAddress[] mailboxes = InternetAddress.parseHeader(from[0], false);
            if (mailboxes.length != 1 || mailboxes[0].getAddress() == null) {
                return Optional.empty();
            }
            String address = mailboxes[0].getAddress();
            int at = address.lastIndexOf('@');
            return at < 1 || at == address.length() - 1
                    ? Optional.empty()
                    : Optional.of(address.substring(at + 1).toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
