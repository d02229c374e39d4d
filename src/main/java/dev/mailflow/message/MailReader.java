package dev.mailflow.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads the mail users bring: a pasted text (a whole message, a header block, or a fragment that is
 * not a message), the bytes of an {@code .eml} file ({@code message/rfc822}) or of an Outlook
 * {@code .msg} file. MIME is parsed by Angus Mail, leniently (a missing end boundary, a broken
 * parameter, a bad base64 line are read as far as they go); every part is decoded within {@link
 * MessageLimits}. Thread-safe.
 */
public final class MailReader {

    /** An Outlook {@code .msg} is a Compound File (MS-CFB §2.2): it starts with this signature. */
    private static final byte[] CFB_SIGNATURE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    /** A header field name (RFC 5322 §3.6.8: printable characters but the colon) and its colon. */
    private static final Pattern FIELD = Pattern.compile("^[!-9;-~]{1,76}:");

    private final MessageLimits limits;
    private final Session session;

    public MailReader() {
        this(MessageLimits.DEFAULT);
    }

    public MailReader(MessageLimits limits) {
        this.limits = limits;
        var props = new Properties();
        // Lenient with broken MIME, as strangers' mail is (Angus Mail's documented properties).
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        props.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.base64.ignoreerrors", "true");
        props.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        props.setProperty("mail.mime.uudecode.ignoremissingbeginend", "true");
        props.setProperty("mail.mime.decodetext.strict", "false");
        // RFC 6532: header fields may be UTF-8.
        props.setProperty("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(props);
    }

    public MessageLimits limits() {
        return limits;
    }

    /** A text a person pasted: a whole message, its header block alone, or any other text. */
    public ReadMessage readPasted(String pasted) {
        var text = pasted == null ? "" : stripLeadingNoise(pasted);
        if (!startsWithHeaders(text)) {
            return fragment(pasted == null ? "" : pasted);
        }
        var read = read(text.getBytes(StandardCharsets.UTF_8), ReadMessage.Source.PASTED);
        if (read == null) {
            return fragment(pasted);
        }
        return read;
    }

    /** The bytes of an {@code .eml} file or of a {@code message/rfc822} request body. */
    public ReadMessage readEml(byte[] raw) throws UnreadableMessageException {
        var read = read(raw, ReadMessage.Source.EML);
        if (read == null || read.headers().isEmpty()) {
            throw new UnreadableMessageException("The file is not a mail message: it has no header fields.");
        }
        return read;
    }

    /** The bytes of an Outlook {@code .msg} file. */
    public ReadMessage readMsg(byte[] raw) throws UnreadableMessageException {
        if (!isOutlookMsg(raw)) {
            throw new UnreadableMessageException("The file is not an Outlook .msg file (no Compound File signature).");
        }
        return new OutlookMsg(this, limits).read(raw);
    }

    /** An uploaded file of either kind, told apart by its first bytes. */
    public ReadMessage readFile(byte[] raw) throws UnreadableMessageException {
        return isOutlookMsg(raw) ? readMsg(raw) : readEml(raw);
    }

    public static boolean isOutlookMsg(byte[] raw) {
        if (raw == null || raw.length < CFB_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < CFB_SIGNATURE.length; i++) {
            if (raw[i] != CFB_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    Session session() {
        return session;
    }

    /** A MIME message from bytes, or null when not even its header block can be read. */
    private ReadMessage read(byte[] raw, ReadMessage.Source source) {
        var walker = new MimeWalker(session, limits, source == ReadMessage.Source.PASTED);
        try {
            var mime = new MimeMessage(session, new ByteArrayInputStream(raw));
            var headers = Headers.fields(mime.getAllHeaderLines(), limits.maxHeaders(), walker::flaw);
            var body = rawBody(mime);
            var shape = body.length == 0 || new String(body, StandardCharsets.ISO_8859_1).isBlank()
                    ? ReadMessage.Shape.HEADERS_ONLY
                    : ReadMessage.Shape.MESSAGE;
            if (shape == ReadMessage.Shape.MESSAGE) {
                walker.walk(mime, 0, 0);
            }
            return new ReadMessage(source, shape, headers, walker.parts(), body, walker.flaws(), mime);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private byte[] rawBody(MimeMessage mime) {
        try (var in = mime.getRawInputStream()) {
            return in.readNBytes((int) Math.min(limits.maxDecodedBytes(), Integer.MAX_VALUE - 8));
        } catch (MessagingException | IOException e) {
            return new byte[0];
        }
    }

    private static ReadMessage fragment(String text) {
        var part = new MessagePart("text/plain", 0, text, List.of(), null);
        return new ReadMessage(
                ReadMessage.Source.PASTED,
                ReadMessage.Shape.FRAGMENT,
                List.of(),
                List.of(part),
                new byte[0],
                List.of(),
                null);
    }

    /** Blank lines before the message, and the mbox {@code From } line some clients show first. */
    private static String stripLeadingNoise(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        var rest = text.substring(start);
        if (rest.startsWith("From ")) {
            int eol = rest.indexOf('\n');
            rest = eol < 0 ? "" : rest.substring(eol + 1);
        }
        return rest;
    }

    /**
     * A message starts with header fields: the first line is one, and so is at least one more line
     * of the first block (a reply such as {@code Error: 550 ...} alone is not a message).
     */
    static boolean startsWithHeaders(String text) {
        int fields = 0;
        int lineNo = 0;
        for (var line : (Iterable<String>) text.lines().limit(200)::iterator) {
            if (line.isBlank()) {
                break;
            }
            boolean field = FIELD.matcher(line).find();
            if (lineNo == 0 && !field) {
                return false;
            }
            if (field) {
                fields++;
            } else if (!Character.isWhitespace(line.charAt(0))) {
                // One broken line inside a real header block is tolerated, as Angus Mail does.
                return fields >= 3;
            }
            lineNo++;
        }
        return fields >= 2;
    }
}
