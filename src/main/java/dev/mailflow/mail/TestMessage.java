package dev.mailflow.mail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The message a probe sends after DATA: RFC 5322 headers and a text/plain body, with CRLF line ends
 * and dot-stuffing already applied (RFC 5321 §4.5.2), so the bytes go to the wire as they are and
 * only the terminating {@code .CRLF} follows.
 */
public final class TestMessage {

    /** Longest subject accepted, in characters, after control characters are removed. */
    public static final int MAX_SUBJECT = 200;
    /** Longest body accepted, in UTF-8 octets. */
    public static final int MAX_BODY = 64 * 1024;

    private static final byte[] CRLF = {'\r', '\n'};
    // RFC 5322 §3.3 date-time; "xx" writes the numeric zone (+0000) that §3.3 requires.
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ENGLISH);
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] data;
    private final String messageId;
    private final boolean needs8bit;

    private TestMessage(byte[] data, String messageId) {
        this.data = data;
        this.messageId = messageId;
        this.needs8bit = hasHighOctet(data);
    }

    /**
     * Builds the message. The subject loses its control characters (so no header can be smuggled in
     * through it) and is encoded per RFC 2047 when not ASCII; the body's line ends of every kind
     * become CRLF.
     *
     * @param from the header From; for the null sender, the postmaster of {@code messageIdDomain}
     * @param messageIdDomain the right-hand side of the Message-ID, usually the EHLO name
     * @throws InvalidInputException when the subject or body is too long or a value cannot appear in a header
     */
    public static TestMessage of(
            MailAddress from, List<MailAddress> to, String subject, String body, Clock clock, String messageIdDomain) {
        String domain = messageIdDomain == null ? "" : messageIdDomain.strip().replaceAll("\\.$", "");
        if (!DOMAIN.matcher(domain).matches()) {
            throw new InvalidInputException("The Message-ID domain must be a host name or an address literal.");
        }
        String cleanSubject = TestMessageText.subject(subject);
        if (cleanSubject.codePointCount(0, cleanSubject.length()) > MAX_SUBJECT) {
            throw new InvalidInputException("The subject is longer than " + MAX_SUBJECT + " characters.");
        }
        String text = body == null ? "" : body;
        if (text.length() > MAX_BODY || text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY) {
            throw new InvalidInputException("The message body is larger than " + MAX_BODY / 1024 + " KiB.");
        }
        String messageId = "<mailflow." + HexFormat.of().formatHex(randomBytes()) + "@" + domain + ">";
        // RFC 5322 §3.6.2: From needs a mailbox, which MAIL FROM:<> does not give; name the postmaster.
        String fromHeader = from == null || from.isNullSender() ? "postmaster@" + domain : mailbox(from);
        boolean eightBit = !TestMessageText.isAscii(text);

        StringBuilder headers = new StringBuilder();
        header(headers, "Date: " + DATE.format(ZonedDateTime.now(clock)));
        header(headers, "From: <" + fromHeader + ">");
        if (to != null && !to.isEmpty()) {
            // One recipient per line keeps every line short however many there are (RFC 5322 §2.2.3).
            header(
                    headers,
                    to.stream().map(r -> "<" + mailbox(r) + ">").collect(Collectors.joining(",\r\n ", "To: ", "")));
        }
        header(headers, "Subject: " + TestMessageText.encodedSubject(cleanSubject, "Subject: ".length()));
        header(headers, "Message-ID: " + messageId);
        header(headers, "MIME-Version: 1.0");
        header(headers, "Content-Type: text/plain; charset=UTF-8");
        header(headers, "Content-Transfer-Encoding: " + (eightBit ? "8bit" : "7bit"));
        headers.append("\r\n");

        byte[] head = headers.toString().getBytes(StandardCharsets.UTF_8);
        byte[] lines = TestMessageText.bodyLines(text).getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[head.length + lines.length];
        System.arraycopy(head, 0, data, 0, head.length);
        System.arraycopy(lines, 0, data, head.length, lines.length);
        return new TestMessage(data, messageId);
    }

    /** What follows DATA's 354, up to but without the terminating {@code .CRLF}; always ends in CRLF. */
    public byte[] dataBytes() {
        return data.clone();
    }

    /** Octets of {@link #dataBytes()}, for the SIZE parameter of MAIL FROM (RFC 1870). */
    public long size() {
        return data.length;
    }

    /** Whether any octet is above 127, so the server must offer 8BITMIME (RFC 6152) for BODY=8BITMIME. */
    public boolean needs8bit() {
        return needs8bit;
    }

    /** The Message-ID header's value, angle brackets included; a person can search logs for it. */
    public String messageId() {
        return messageId;
    }

    private static void header(StringBuilder headers, String line) {
        headers.append(line).append("\r\n");
    }

    private static String mailbox(MailAddress address) {
        String text = address.toString();
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || text.contains("<") || text.contains(">")) {
            throw new InvalidInputException("An address contains characters a header cannot carry.");
        }
        return text;
    }

    private static boolean hasHighOctet(byte[] data) {
        for (byte octet : data) {
            if (octet < 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
