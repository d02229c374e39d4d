package dev.mailflow.message;

import dev.mailflow.text.UntrustedText;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * RFC 3464 delivery status fields, read as fields (Angus Mail's {@code dsn} module): one recipient
 * per recipient block, with {@code Final-Recipient} (else {@code Original-Recipient}), {@code
 * Action}, {@code Status}, {@code Remote-MTA}, {@code Diagnostic-Code}, {@code Last-Attempt-Date}
 * and {@code Will-Retry-Until}. RFC 6533's {@code message/global-delivery-status} has the same
 * fields. Also read where a bounce carries the fields in its text (a pasted report, a report
 * whose MIME was lost on the way).
 */
final class DeliveryStatusFields {

    static final int MAX_RECIPIENTS = 200;

    /** Where delivery status fields start when they stand in a text rather than their own part. */
    private static final Pattern FIELDS_START =
            Pattern.compile("(?im)^[ \\t>]*(?:Reporting-MTA|Original-Envelope-Id|Final-Recipient)\\s*:");

    private DeliveryStatusFields() {}

    /** The recipients of a {@code message/delivery-status} part's text. */
    static List<Found> read(String fields) {
        var found = new ArrayList<Found>();
        try {
            var text = unquoted(fields);
            // RFC 3464 §2.1: per-message fields come first; a text that starts with a recipient's
            // fields (a paste of part of the report) gets an empty per-message block.
            if (!text.stripLeading().regionMatches(true, 0, "Reporting-MTA", 0, 13)
                    && !text.stripLeading().regionMatches(true, 0, "Original-Envelope", 0, 17)) {
                text = "X-Mailflow: pasted\n\n" + text;
            }
            var status = new DeliveryStatus(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            for (int i = 0; i < status.getRecipientDSNCount() && found.size() < MAX_RECIPIENTS; i++) {
                var recipient = recipient(status.getRecipientDSN(i));
                if (recipient != null) {
                    found.add(recipient);
                }
            }
        } catch (Exception e) {
            // Broken fields: what was read stays; the other readers look at the text.
        }
        return found;
    }

    /** Delivery status fields that stand in a text, from the first field to the text's end. */
    static List<Found> inText(String text) {
        var m = FIELDS_START.matcher(text);
        if (!m.find()) {
            return List.of();
        }
        return read(text.substring(m.start()));
    }

    private static Found recipient(InternetHeaders h) {
        var address = address(field(h, "Final-Recipient"));
        if (address == null) {
            address = address(field(h, "Original-Recipient"));
        }
        var action = Action.of(field(h, "Action"));
        var status = status(field(h, "Status"));
        if (address == null && action == null && status == null) {
            return null;
        }
        var diagnostic = field(h, "Diagnostic-Code");
        RemoteReply reply = null;
        if (diagnostic != null) {
            reply = RemoteReply.parse(afterType(diagnostic));
            if (reply.nothing()) {
                reply = null;
            }
        }
        var remote = field(h, "Remote-MTA");
        return new Found(
                address,
                action,
                status,
                remote == null ? null : UntrustedText.shown(afterType(remote), 255),
                reply,
                date(field(h, "Last-Attempt-Date")),
                date(field(h, "Will-Retry-Until")));
    }

    private static String field(InternetHeaders h, String name) {
        var value = h.getHeader(name, " ");
        return value == null || value.isBlank() ? null : Headers.unfold(value);
    }

    /** {@code rfc822; kate@example.org} or {@code smtp; 550 ...}: the part after the type. */
    static String afterType(String value) {
        int semi = value.indexOf(';');
        return (semi >= 0 && semi < 20 ? value.substring(semi + 1) : value).strip();
    }

    static String address(String value) {
        if (value == null) {
            return null;
        }
        var a = afterType(value).strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.isBlank() ? null : UntrustedText.shown(a.toLowerCase(Locale.ROOT), 320);
    }

    /** RFC 3464 §2.3.4: {@code Status: 5.1.1 (comment)}; anything else is no status. */
    private static String status(String value) {
        if (value == null) {
            return null;
        }
        var m = Pattern.compile("^\\s*([245]\\.\\d{1,3}\\.\\d{1,3})").matcher(value);
        return m.find() ? m.group(1) : null;
    }

    /** An RFC 5322 date as ISO-8601; a date that cannot be read is kept as written. */
    static String date(String value) {
        if (value == null) {
            return null;
        }
        try {
            var parsed = new MailDateFormat().parse(value, new ParsePosition(0));
            if (parsed != null) {
                return parsed.toInstant().toString();
            }
        } catch (RuntimeException e) {
            // kept as written below
        }
        return UntrustedText.shown(value, 80);
    }

    /** Fields quoted in a forwarded text ("> Action: failed") lose their quote marks. */
    private static String unquoted(String text) {
        var sb = new StringBuilder();
        for (var line : text.split("\\R", -1)) {
            sb.append(line.replaceFirst("^(?:[ \\t]*>)+ ?", "")).append('\n');
        }
        return sb.toString();
    }
}
