package dev.mailflow.testing.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * An Outlook {@code .msg} file made in the test. POI's HSMF only reads {@code .msg} files (its
 * {@code MAPIMessage} cannot create one), so this writes the Compound File with POI's POIFS the way
 * [MS-OXMSG] lays it out: the message's properties as {@code __substg1.0_<tag><type>} streams
 * (type 001F: UTF-16LE strings, 0102: binary), a {@code __properties_version1.0} stream, and each
 * attachment in a {@code __attach_version1.0_#0000000N} storage.
 */
public final class OutlookMsgFile {

    /** The text of an Exchange NDR as Outlook keeps it in a saved .msg (PR_BODY). */
    public static final String EXCHANGE_NDR = """
            Delivery has failed to these recipients or groups:

            kate@example.org
            The email address you entered couldn't be found.

            Diagnostic information for administrators:

            Generating server: EX16.example.net

            kate@example.org
            Remote Server returned '550 5.1.1 <kate@example.org>: Recipient address rejected: User unknown'
            """;

    private final ByteArrayOutputStream attachments = new ByteArrayOutputStream();
    private String messageClass = "IPM.Note";
    private String subject;
    private String body;
    private String transportHeaders;
    private String senderName;
    private String senderEmail;
    private String displayTo;
    private byte[] attachedEml;
    private String attachedName;

    public OutlookMsgFile messageClass(String value) {
        this.messageClass = value;
        return this;
    }

    public OutlookMsgFile subject(String value) {
        this.subject = value;
        return this;
    }

    public OutlookMsgFile body(String value) {
        this.body = value;
        return this;
    }

    /** PR_TRANSPORT_MESSAGE_HEADERS: the header block as it arrived. */
    public OutlookMsgFile transportHeaders(String value) {
        this.transportHeaders = value;
        return this;
    }

    public OutlookMsgFile sender(String name, String email) {
        this.senderName = name;
        this.senderEmail = email;
        return this;
    }

    public OutlookMsgFile to(String value) {
        this.displayTo = value;
        return this;
    }

    /** An attached {@code .eml} (PR_ATTACH_MIME_TAG message/rfc822). */
    public OutlookMsgFile attachEml(String name, byte[] eml) {
        this.attachedName = name;
        this.attachedEml = eml;
        return this;
    }

    public byte[] bytes() {
        try (var fs = new POIFSFileSystem();
                var out = new ByteArrayOutputStream()) {
            var root = fs.getRoot();
            string(root, "001A", messageClass);
            string(root, "0037", subject);
            string(root, "1000", body);
            string(root, "007D", transportHeaders);
            string(root, "0C1A", senderName);
            string(root, "0C1F", senderEmail);
            string(root, "0E04", displayTo);
            // [MS-OXMSG] 2.4.1.1: the top level's property stream has a 32-byte header.
            root.createDocument(
                    "__properties_version1.0", new ByteArrayInputStream(properties(32, attachedEml == null ? 0 : 1)));
            if (attachedEml != null) {
                var attach = root.createDirectory("__attach_version1.0_#00000000");
                string(attach, "370E", "message/rfc822");
                string(attach, "3707", attachedName);
                string(attach, "3704", attachedName);
                attach.createDocument("__substg1.0_37010102", new ByteArrayInputStream(attachedEml));
                // 2.4.2.2: an attachment's property stream has an 8-byte header.
                attach.createDocument("__properties_version1.0", new ByteArrayInputStream(new byte[8]));
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void string(DirectoryEntry dir, String tag, String value) throws IOException {
        if (value != null) {
            dir.createDocument(
                    "__substg1.0_" + tag + "001F", new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_16LE)));
        }
    }

    /** The header of a property stream with no fixed-length properties: reserved, next ids, counts. */
    private static byte[] properties(int header, int attachments) {
        var buffer = ByteBuffer.allocate(header).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(0); // reserved
        buffer.putInt(0); // next recipient id
        buffer.putInt(attachments); // next attachment id
        buffer.putInt(0); // recipient count
        buffer.putInt(attachments); // attachment count
        return buffer.array();
    }
}
