package dev.mailflow.inbox;

import java.net.InetAddress;
import java.time.Instant;

/**
 * What the listener knows of a message it took: the connection and the envelope as the client
 * gave them, and the message's octets.
 *
 * @param helo the last HELO/EHLO name, null when the client sent none
 * @param tls null when no STARTTLS was negotiated
 * @param mailFrom the reverse-path as sent ({@code ""} for the null sender)
 */
record Arrival(
        String mailboxId,
        InetAddress client,
        String helo,
        InboxReport.Tls tls,
        String mailFrom,
        Instant receivedAt,
        byte[] message) {}
