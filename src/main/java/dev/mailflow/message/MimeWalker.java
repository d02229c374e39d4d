package dev.mailflow.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walks a parsed message depth first and decodes its parts, within the limits: each part's bytes are
 * read no further than the bytes still allowed, binary parts are never decoded, and nesting and the
 * part count stop where the limits say.
 */
final class MimeWalker {

    private final Session session;
    private final MessageLimits limits;
    private final boolean pasted;
    private final List<MessagePart> parts = new ArrayList<>();
    private final List<String> flaws = new ArrayList<>();
    private long decoded;
    private long containers;
    private int visited;

    MimeWalker(Session session, MessageLimits limits, boolean pasted) {
        this.session = session;
        this.limits = limits;
        this.pasted = pasted;
    }

    List<MessagePart> parts() {
        return parts;
    }

    List<String> flaws() {
        return flaws;
    }

    void flaw(String flaw) {
        if (!flaws.contains(flaw) && flaws.size() < 20) {
            flaws.add(flaw);
        }
    }

    /** Visits {@code part} and everything inside it; {@code level} counts enclosing messages. */
    void walk(Part part, int depth, int level) {
        if (++visited > limits.maxParts()) {
            flaw("more than " + limits.maxParts() + " MIME parts; the rest was not read");
            return;
        }
        if (depth > limits.maxDepth()) {
            flaw("parts nested more than " + limits.maxDepth() + " deep were not read");
            return;
        }
        var type = baseType(part);
        try {
            if (type.startsWith("multipart/")) {
                walkMultipart(part, depth, level);
            } else if (type.equals("message/rfc822") || type.equals("message/global")) {
                walkAttached(part, type, depth, level);
            } else if (type.equals("text/rfc822-headers") || type.equals("message/global-headers")) {
                var bytes = read(part);
                var headers = headerFields(new ByteArrayInputStream(bytes));
                parts.add(new MessagePart(type, level, Charsets.decode(bytes, null, true), headers, fileName(part)));
            } else if (isTextual(type)) {
                var bytes = read(part);
                parts.add(new MessagePart(type, level, decodeText(part, bytes), List.of(), fileName(part)));
            } else {
                parts.add(new MessagePart(type, level, "", List.of(), fileName(part)));
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // Broken MIME is what strangers send: what was read so far stays, the rest is a flaw.
            flaw("a " + type + " part could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void walkMultipart(Part part, int depth, int level) throws MessagingException, IOException {
        var boundary = new ContentType(part.getContentType()).getParameter("boundary");
        var body = readContainer(part);
        if (boundary == null || boundary.isBlank()) {
            // RFC 2046 §5.1.1 requires the parameter; without it the body is read as text.
            flaw("a multipart without a boundary was read as text");
            parts.add(new MessagePart("text/plain", level, Charsets.decode(body, null, true), List.of(), null));
            return;
        }
        int room = limits.maxParts() - visited;
        var split = MultipartSplitter.split(body, boundary, room + 1);
        if (split.size() > room) {
            flaw("more than " + limits.maxParts() + " MIME parts; the rest was not read");
        }
        for (int i = 0; i < split.size() && visited < limits.maxParts(); i++) {
            walk(new MimeBodyPart(new ByteArrayInputStream(split.get(i))), depth + 1, level);
        }
    }

    private void walkAttached(Part part, String type, int depth, int level) throws MessagingException, IOException {
        var bytes = readContainer(part);
        var inner = new MimeMessage(session, new ByteArrayInputStream(bytes));
        var headers = headerFields(inner);
        parts.add(new MessagePart(type, level, headerBlock(headers), headers, fileName(part)));
        walk(inner, depth + 1, level + 1);
    }

    /**
     * The bytes of a multipart or an attached message, to be split or parsed: they are not text, so
     * they do not count against the decoded text; their own bound (four times the text's) stops a
     * large message nested deep from being copied at every level.
     */
    private byte[] readContainer(Part part) throws MessagingException, IOException {
        long left = 4 * limits.maxDecodedBytes() - containers;
        if (left <= 0) {
            flaw("attached messages and multiparts larger than " + 4 * limits.maxDecodedBytes()
                    + " bytes together; the rest was not read");
            return new byte[0];
        }
        try (var in = stream(part)) {
            var bytes = in.readNBytes((int) Math.min(left, Integer.MAX_VALUE - 8));
            containers += bytes.length;
            return bytes;
        }
    }

    /** The part's decoded bytes, no more than the bytes still allowed. */
    byte[] read(Part part) throws MessagingException, IOException {
        long left = limits.maxDecodedBytes() - decoded;
        if (left <= 0) {
            flaw("more than " + limits.maxDecodedBytes() + " decoded bytes; the rest was not read");
            return new byte[0];
        }
        try (var stream = stream(part)) {
            var bytes = stream.readNBytes((int) Math.min(left, Integer.MAX_VALUE - 8));
            decoded += bytes.length;
            if (stream.read() >= 0) {
                flaw("more than " + limits.maxDecodedBytes() + " decoded bytes; the rest was not read");
                decoded = limits.maxDecodedBytes();
            }
            return bytes;
        }
    }

    /** The part's content with its transfer encoding undone; an unknown encoding: as it stands. */
    private InputStream stream(Part part) throws MessagingException {
        try {
            return part.getInputStream();
        } catch (MessagingException | IOException | RuntimeException e) {
            flaw("unknown transfer encoding; a part was read as it stands");
            return part instanceof jakarta.mail.internet.MimeBodyPart body
                    ? body.getRawInputStream()
                    : ((MimeMessage) part).getRawInputStream();
        }
    }

    private String decodeText(Part part, byte[] bytes) {
        String charset = null;
        try {
            charset = new ContentType(part.getContentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            // no usable Content-Type: the charset is guessed below
        }
        // A pasted message was text before mailflow encoded it as UTF-8: its 8-bit parts are UTF-8 now.
        boolean pastedEightBit = pasted && !isEncoded(part);
        if (charset != null && !pastedEightBit && Charsets.known(charset) == null) {
            flaw("unknown charset " + Charsets.shown(charset) + "; read as UTF-8 or Windows-1252");
        }
        return Charsets.decode(bytes, pastedEightBit ? null : charset, true);
    }

    private static boolean isEncoded(Part part) {
        try {
            var cte = ((MimePart) part).getEncoding();
            return cte != null && (cte.equalsIgnoreCase("base64") || cte.equalsIgnoreCase("quoted-printable"));
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    private List<HeaderField> headerFields(MimeMessage message) throws MessagingException {
        return Headers.fields(message.getAllHeaderLines(), limits.maxHeaders(), this::flaw);
    }

    List<HeaderField> headerFields(InputStream in) throws MessagingException {
        var headers = new InternetHeaders(in, true);
        return Headers.fields(headers.getAllHeaderLines(), limits.maxHeaders(), this::flaw);
    }

    static String headerBlock(List<HeaderField> headers) {
        var sb = new StringBuilder();
        for (var h : headers) {
            sb.append(h.raw()).append('\n');
        }
        return sb.toString();
    }

    static String baseType(Part part) {
        try {
            var raw = part.getContentType();
            if (raw == null) {
                return "text/plain";
            }
            return new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            // RFC 2045 §5.2: a Content-Type that cannot be read is taken as text/plain.
            return "text/plain";
        }
    }

    private static boolean isTextual(String type) {
        return type.startsWith("text/")
                || type.equals("message/delivery-status")
                || type.equals("message/global-delivery-status")
                || type.equals("message/disposition-notification")
                || type.equals("message/feedback-report");
    }

    private static String fileName(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }
}
