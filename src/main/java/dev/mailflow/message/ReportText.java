package dev.mailflow.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a read message that make one report: its text (text parts of one level; HTML only
 * where no plain text stands beside it), its delivery status fields, and the headers of the message
 * it returns. A text bounce that quotes the original inline is cut where the copy begins.
 *
 * @param level how many attached messages enclose the report (1 for a bounce forwarded as an
 *     attachment)
 * @param text the report's own text, without the quoted copy of the original
 * @param deliveryStatus the texts of its {@code message/delivery-status} parts
 * @param feedback the text of its {@code message/feedback-report} part, or null
 * @param headers the header fields of the message that carries the report
 * @param original the returned message's header fields (attached, or quoted in the text)
 */
record ReportText(
        int level,
        String text,
        List<String> deliveryStatus,
        String feedback,
        List<HeaderField> headers,
        List<HeaderField> original) {

    static final int MAX_TEXT = 1024 * 1024;

    /** Where text bounces start quoting the message they return (Exim, qmail, sendmail, Domino...). */
    private static final List<String> COPY_MARKERS = List.of(
            "------ This is a copy of the message",
            "--- Below this line is a copy of the message",
            "Below is a copy of the original message",
            "----- Original message -----",
            "------ Original message follows",
            "----- Unsent message follows -----",
            "------- Returned Message --------",
            "Original message follows.",
            "Original message headers:",
            "----- Original message follows -----",
            "------ Returned mail ------");

    static ReportText at(ReadMessage message, int level) {
        var plain = new StringBuilder();
        var html = new StringBuilder();
        var status = new ArrayList<String>();
        String feedback = null;
        List<HeaderField> original = List.of();
        List<HeaderField> headers = message.headers();
        var parts = message.parts();
        for (int i = 0; i < parts.size(); i++) {
            var part = parts.get(i);
            if (part.level() == level - 1
                    && part.isHeaders()
                    && i + 1 < parts.size()
                    && parts.get(i + 1).level() == level) {
                headers = part.headers();
            }
            if (part.level() != level) {
                continue;
            }
            switch (part.contentType()) {
                case "message/delivery-status", "message/global-delivery-status" -> status.add(part.text());
                case "message/feedback-report" -> feedback = part.text();
                case "text/html" -> html.append(HtmlText.of(part.text())).append("\n\n");
                default -> {
                    if (part.isHeaders()) {
                        if (original.isEmpty()) {
                            original = part.headers();
                        }
                    } else if (part.isText()) {
                        // A blank line between parts: a paragraph never runs on into the next part.
                        plain.append(part.text()).append("\n\n");
                    }
                }
            }
        }
        var all = plain.isEmpty() ? html : plain;
        // A report's own words fit in far less; a huge text part is read only this far.
        var text = all.substring(0, Math.min(all.length(), MAX_TEXT))
                .replace("\r\n", "\n")
                .replace('\r', '\n');
        int copy = copyStart(text);
        if (copy >= 0) {
            if (original.isEmpty()) {
                original = quotedHeaders(text.substring(copy));
            }
            text = text.substring(0, copy);
        }
        return new ReportText(level, text, status, feedback, headers, original);
    }

    /** The deepest level that holds text or delivery status fields. */
    static int deepest(ReadMessage message) {
        int deepest = 0;
        for (var part : message.parts()) {
            deepest = Math.max(deepest, part.level());
        }
        return deepest;
    }

    private static int copyStart(String text) {
        int first = -1;
        for (var marker : COPY_MARKERS) {
            int at = text.indexOf(marker);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** The header block quoted after a copy marker: from its first header line to the blank line. */
    private static List<HeaderField> quotedHeaders(String copy) {
        var lines = copy.lines().limit(400).toList();
        int start = -1;
        for (int i = 1; i < lines.size(); i++) {
            var l = lines.get(i).strip();
            if (MailReader.startsWithHeaders(String.join("\n", lines.subList(i, Math.min(lines.size(), i + 40)))
                            .stripLeading())
                    && !l.isEmpty()) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return List.of();
        }
        var block = new StringBuilder();
        for (int i = start; i < lines.size(); i++) {
            var l = lines.get(i);
            if (l.isBlank()) {
                break;
            }
            block.append(l.startsWith(" ") && !block.isEmpty() ? l : l.stripLeading())
                    .append("\r\n");
        }
        block.append("\r\n");
        try {
            var h = new InternetHeaders(
                    new ByteArrayInputStream(block.toString().getBytes(StandardCharsets.UTF_8)), true);
            return Headers.fields(h.getAllHeaderLines(), 200, flaw -> {});
        } catch (MessagingException | RuntimeException e) {
            return List.of();
        }
    }
}
