package dev.mailflow.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.hsmf.MAPIMessage;
import org.apache.poi.hsmf.datatypes.AttachmentChunks;
import org.apache.poi.hsmf.exceptions.ChunkNotFoundException;

/**
 * An Outlook {@code .msg} file ([MS-OXMSG]: a Compound File of MAPI properties) read with Apache
 * POI's HSMF: the transport headers Outlook kept (PR_TRANSPORT_MESSAGE_HEADERS) when there are
 * some, otherwise headers made from the MAPI subject, sender, recipients and date; the text and HTML
 * bodies; attached {@code .eml} files and embedded messages, read as attached messages.
 */
final class OutlookMsg {

    private final MailReader reader;
    private final MessageLimits limits;
    private final List<MessagePart> parts = new ArrayList<>();
    private final List<String> flaws = new ArrayList<>();
    private long decoded;

    OutlookMsg(MailReader reader, MessageLimits limits) {
        this.reader = reader;
        this.limits = limits;
    }

    ReadMessage read(byte[] raw) throws UnreadableMessageException {
        MAPIMessage msg;
        try {
            msg = new MAPIMessage(new ByteArrayInputStream(raw));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableMessageException("The file is not an Outlook .msg file that can be read: "
                    + e.getClass().getSimpleName() + ".");
        }
        msg.setReturnNullOnMissingChunk(true);
        try {
            var headers = headers(msg);
            if (headers.isEmpty() && body(msg).isBlank()) {
                throw new UnreadableMessageException("The .msg file holds no message: no headers and no text.");
            }
            walk(msg, 0, 0);
            return new ReadMessage(
                    ReadMessage.Source.MSG, ReadMessage.Shape.MESSAGE, headers, parts, new byte[0], flaws, null);
        } catch (ChunkNotFoundException | RuntimeException e) {
            throw new UnreadableMessageException(
                    "The .msg file is damaged: " + e.getClass().getSimpleName() + ".");
        }
    }

    private void walk(MAPIMessage msg, int depth, int level) throws ChunkNotFoundException {
        add(new MessagePart("text/plain", level, body(msg), List.of(), null));
        var html = msg.getHtmlBody();
        if (html != null && !html.isBlank()) {
            add(new MessagePart("text/html", level, html, List.of(), null));
        }
        var attachments = msg.getAttachmentFiles();
        for (var attachment : attachments == null ? new AttachmentChunks[0] : attachments) {
            if (parts.size() >= limits.maxParts()) {
                flaw("more than " + limits.maxParts() + " parts; the rest was not read");
                return;
            }
            attachment(attachment, depth, level);
        }
    }

    private void attachment(AttachmentChunks attachment, int depth, int level) throws ChunkNotFoundException {
        var name = attachment.getAttachLongFileName() == null
                ? null
                : attachment.getAttachLongFileName().getValue();
        if (attachment.isEmbeddedMessage()) {
            if (depth + 1 > limits.maxDepth()) {
                flaw("messages nested more than " + limits.maxDepth() + " deep were not read");
                return;
            }
            try {
                var inner = attachment.getEmbeddedMessage();
                inner.setReturnNullOnMissingChunk(true);
                var headers = headers(inner);
                add(new MessagePart("message/rfc822", level, MimeWalker.headerBlock(headers), headers, name));
                walk(inner, depth + 1, level + 1);
            } catch (IOException | RuntimeException e) {
                flaw("an embedded message could not be read");
            }
            return;
        }
        var type = attachment.getAttachMimeTag() == null
                ? ""
                : attachment
                        .getAttachMimeTag()
                        .getValue()
                        .toLowerCase(Locale.ROOT)
                        .strip();
        var data = attachment.getAttachData() == null
                ? null
                : attachment.getAttachData().getValue();
        boolean eml = type.equals("message/rfc822")
                || (name != null && name.toLowerCase(Locale.ROOT).endsWith(".eml"));
        if (data == null || !eml) {
            add(new MessagePart(type.isEmpty() ? "application/octet-stream" : type, level, "", List.of(), name));
            return;
        }
        try {
            var read = reader.readEml(data);
            add(new MessagePart("message/rfc822", level, MimeWalker.headerBlock(read.headers()), read.headers(), name));
            for (var part : read.parts()) {
                add(new MessagePart(
                        part.contentType(), part.level() + level + 1, part.text(), part.headers(), part.fileName()));
            }
        } catch (UnreadableMessageException e) {
            flaw("an attached .eml file could not be read");
        }
    }

    private void add(MessagePart part) {
        if (parts.size() >= limits.maxParts()) {
            return;
        }
        var bytes = (long) part.text().length() * 2;
        if (decoded + bytes > limits.maxDecodedBytes()) {
            flaw("more than " + limits.maxDecodedBytes() + " decoded bytes; the rest was not read");
            return;
        }
        decoded += bytes;
        parts.add(part);
    }

    private void flaw(String flaw) {
        if (!flaws.contains(flaw)) {
            flaws.add(flaw);
        }
    }

    private static String body(MAPIMessage msg) throws ChunkNotFoundException {
        var text = msg.getTextBody();
        return text == null ? "" : text;
    }

    /** The transport headers when Outlook kept them; else fields made from the MAPI properties. */
    private List<HeaderField> headers(MAPIMessage msg) throws ChunkNotFoundException {
        var transport = msg.getHeaders();
        if (transport != null && transport.length > 0) {
            var block = String.join("\r\n", transport) + "\r\n\r\n";
            try {
                var walker = new MimeWalker(reader.session(), limits, false);
                var fields = walker.headerFields(new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)));
                if (!fields.isEmpty()) {
                    return fields;
                }
            } catch (jakarta.mail.MessagingException | RuntimeException e) {
                flaw("the .msg file's transport headers could not be read");
            }
        }
        var fields = new ArrayList<HeaderField>();
        field(fields, "From", sender(msg));
        field(fields, "To", msg.getDisplayTo());
        field(fields, "Cc", msg.getDisplayCC());
        field(fields, "Subject", msg.getSubject());
        var date = msg.getMessageDate();
        if (date != null) {
            field(
                    fields,
                    "Date",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(date.toInstant().atOffset(ZoneOffset.UTC)));
        }
        return fields;
    }

    private static String sender(MAPIMessage msg) throws ChunkNotFoundException {
        var name = msg.getDisplayFrom();
        String email = null;
        try {
            email = msg.getMainChunks().getEmailFromChunk() == null
                    ? null
                    : msg.getMainChunks().getEmailFromChunk().getValue();
        } catch (RuntimeException e) {
            // no sender address property
        }
        if (email == null || email.isBlank()) {
            return name;
        }
        return name == null || name.isBlank() ? email : name + " <" + email + ">";
    }

    private static void field(List<HeaderField> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(new HeaderField(name, value.strip(), name + ": " + value.strip()));
        }
    }
}
