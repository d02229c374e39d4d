package dev.mailflow.message;

import dev.mailflow.diagnosis.ExplainedReply;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Reason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads a bounce per recipient and explains each with the knowledge base a live probe uses:
 *
 * <ol>
 *   <li>find the report: the level of the message (the bounce itself, or a bounce forwarded as an
 *       attachment) whose text or fields name recipients;
 *   <li>RFC 3464 delivery status fields first, per recipient;
 *   <li>otherwise the first format family whose markers match ({@link Formats});
 *   <li>otherwise the line scanner ({@link Knowledge#explainText}) over the report's text;
 *   <li>replies missing from the fields are taken from the family's reading of the text;
 *   <li>the kind from the recipients' actions (or the report's words when a format names none),
 *       an ARF part, or RFC 3834's fields.
 * </ol>
 */
public final class BounceExplainer {

    private final Knowledge knowledge;

    public BounceExplainer(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    public BounceReport explain(ReadMessage message) {
        ReportText report = null;
        List<Found> found = List.of();
        String family = null;
        for (int level = 0; level <= ReportText.deepest(message) && found.isEmpty(); level++) {
            report = ReportText.at(message, level);
            if (report.feedback() != null) {
                return feedback(message, report);
            }
            var fields = fields(report);
            var byFormat = byFormat(new BounceBody(report.text(), report.headers()));
            if (!fields.isEmpty()) {
                found = merged(fields, byFormat.found());
                family = "rfc3464";
            } else if (!byFormat.found().isEmpty()) {
                found = byFormat.found();
                family = byFormat.family();
            }
        }
        if (found.isEmpty()) {
            report = ReportText.at(message, 0);
            if (message.shape() == ReadMessage.Shape.FRAGMENT || ReportKind.looksLikeBounce(report)) {
                found = scanned(report.text());
                family = found.isEmpty() ? null : "line-scanner";
            }
        }
        var delayed = ReportKind.saysDelayed(report);
        var recipients = new ArrayList<BounceRecipient>();
        for (var f : found) {
            recipients.add(explained(f, delayed));
        }
        var kind = kind(recipients);
        var original = OriginalMessage.of(report.original());
        var sender = sender(message, report);
        if (kind == BounceKind.NOT_A_BOUNCE && ReportKind.isAutoReply(report.headers())) {
            return new BounceReport(
                    BounceKind.AUTO_REPLY,
                    "rfc3834",
                    OriginalMessage.NONE,
                    List.of(),
                    List.of(),
                    null,
                    sender,
                    "An automatic reply (out of office or vacation), not a delivery report.",
                    message.flaws());
        }
        var replies = replies(recipients, report.text(), message.shape());
        String what = null;
        if (kind == BounceKind.NOT_A_BOUNCE) {
            what = notABounce(message, report, replies);
        }
        return new BounceReport(kind, family, original, recipients, replies, null, sender, what, message.flaws());
    }

    private static List<Found> fields(ReportText report) {
        var fields = new ArrayList<Found>();
        for (var status : report.deliveryStatus()) {
            fields.addAll(DeliveryStatusFields.read(status));
        }
        if (fields.isEmpty()) {
            fields.addAll(DeliveryStatusFields.inText(report.text()));
        }
        return fields;
    }

    private record ByFormat(String family, List<Found> found) {}

    private static ByFormat byFormat(BounceBody body) {
        for (var format : Formats.ALL) {
            var found = format.reader().read(body);
            if (!found.isEmpty()) {
                return new ByFormat(
                        format.family(), found.subList(0, Math.min(found.size(), DeliveryStatusFields.MAX_RECIPIENTS)));
            }
        }
        return new ByFormat(null, List.of());
    }

    /** The fields' recipients, each with the reply the text gives for it when the fields have none. */
    private static List<Found> merged(List<Found> fields, List<Found> text) {
        var merged = new ArrayList<Found>();
        for (var f : fields) {
            if (f.reply() != null) {
                merged.add(f);
                continue;
            }
            var fromText = text.stream()
                    .filter(t -> t.reply() != null
                            && (t.address() == null || t.address().equals(f.address())))
                    .findFirst()
                    .or(() -> text.size() == 1 && text.getFirst().reply() != null
                            ? java.util.Optional.of(text.getFirst())
                            : java.util.Optional.empty());
            merged.add(fromText.map(t -> f.withReply(t.reply())).orElse(f));
        }
        return merged;
    }

    /** The last resort: every reply line the scanner finds, its address from the reply's text. */
    private List<Found> scanned(String text) {
        var found = new ArrayList<Found>();
        for (var reply : knowledge.explainText(text)) {
            var parsed = RemoteReply.parse(reply.line());
            if (reply.code() != null && reply.code() < 400) {
                continue;
            }
            // A line without any code counts only when its words name a reason ("User unknown").
            if (reply.code() == null
                    && reply.enhanced() == null
                    && (reply.reason() == null || reply.reason() == Reason.UNRECOGNISED)) {
                continue;
            }
            found.add(new Found(TextScan.address(reply.line()), null, null, null, parsed, null, null));
        }
        return found;
    }

    private BounceRecipient explained(Found f, boolean delayed) {
        var status = f.anyStatus();
        var reply = f.reply();
        var action = f.action() != null ? f.action() : impliedAction(f, status, delayed);
        ExplainedReply explained = null;
        var line = explainedLine(reply, status);
        if (!line.isBlank() && action != Action.DELIVERED && action != Action.RELAYED && action != Action.EXPANDED) {
            var all = knowledge.explainText(line);
            explained = all.isEmpty() ? null : all.getFirst();
        }
        var reason = explained == null ? null : explained.reason();
        var title = explained == null ? null : explained.title();
        if (explained == null && (action == Action.FAILED || action == Action.DELAYED)) {
            reason = Reason.UNRECOGNISED;
            title = "The report gives no reason for this recipient";
        }
        return new BounceRecipient(
                f.address(),
                action,
                status,
                f.remoteMta(),
                reply,
                reason,
                title,
                explained == null ? List.of() : explained.causes(),
                explained == null ? List.of() : explained.fixes(),
                explained == null ? null : explained.owner(),
                f.lastAttempt(),
                f.retryUntil());
    }

    /** The reply as the classifier reads it, with the recipient's status when the reply has none. */
    private static String explainedLine(RemoteReply reply, String status) {
        if (reply == null) {
            return status == null ? "" : status;
        }
        if (reply.enhanced() == null && status != null) {
            return new RemoteReply(reply.code(), status, reply.text()).line();
        }
        return reply.line();
    }

    private static Action impliedAction(Found f, String status, boolean delayed) {
        int digit = 0;
        if (f.reply() != null && f.reply().code() != null) {
            digit = f.reply().code() / 100;
        } else if (status != null) {
            digit = status.charAt(0) - '0';
        }
        if (delayed && digit != 5) {
            return Action.DELAYED;
        }
        return digit == 2 ? Action.DELIVERED : Action.FAILED;
    }

    private static BounceKind kind(List<BounceRecipient> recipients) {
        if (recipients.stream().anyMatch(r -> r.action() == Action.FAILED)) {
            return BounceKind.BOUNCE;
        }
        if (recipients.stream().anyMatch(r -> r.action() == Action.DELAYED)) {
            return BounceKind.DELAY;
        }
        if (recipients.stream().anyMatch(r -> r.action() == Action.DELIVERED)) {
            return BounceKind.DELIVERED;
        }
        if (!recipients.isEmpty()) {
            return BounceKind.RELAYED;
        }
        return BounceKind.NOT_A_BOUNCE;
    }

    /** Every distinct reply of the recipients; for a text without any, what the scanner finds. */
    private List<ExplainedReply> replies(List<BounceRecipient> recipients, String text, ReadMessage.Shape shape) {
        var distinct = new LinkedHashMap<String, ExplainedReply>();
        for (var r : recipients) {
            var line = explainedLine(r.reply(), r.status());
            if (!line.isBlank() && !distinct.containsKey(line)) {
                knowledge.explainText(line).stream().findFirst().ifPresent(e -> distinct.put(line, e));
            }
        }
        if (distinct.isEmpty() && shape == ReadMessage.Shape.FRAGMENT) {
            return knowledge.explainText(text);
        }
        return List.copyOf(distinct.values());
    }

    private BounceReport feedback(ReadMessage message, ReportText report) {
        var feedback = Feedback.read(report.feedback());
        return new BounceReport(
                BounceKind.FEEDBACK,
                "arf",
                OriginalMessage.of(report.original()),
                List.of(),
                List.of(),
                feedback,
                sender(message, report),
                "An abuse report (RFC 5965): a receiver's user or filter reported a message as "
                        + (feedback.feedbackType() == null ? "unwanted" : feedback.feedbackType()) + ".",
                message.flaws());
    }

    /** The original sender: the returned message's From, else the report's To (bounces go to the sender). */
    private static String sender(ReadMessage message, ReportText report) {
        var from = ReadMessage.first(report.original(), "From");
        var to = ReadMessage.first(report.headers(), "To");
        var candidate = from != null ? from : to;
        return candidate == null ? null : TextScan.address(candidate);
    }

    private static String notABounce(ReadMessage message, ReportText report, List<ExplainedReply> replies) {
        if (message.shape() == ReadMessage.Shape.FRAGMENT) {
            return replies.stream().allMatch(r -> r.code() == null && r.enhanced() == null)
                    ? "No server reply (a line starting with a code such as 550) and no delivery report in the text."
                    : "Only successful or intermediate replies (2xx, 3xx): nothing was refused.";
        }
        var subject = ReadMessage.first(report.headers(), "Subject");
        return "A message (" + message.headers().size() + " header fields"
                + (subject == null ? "" : ", subject \"" + dev.mailflow.text.UntrustedText.shown(subject, 120) + "\"")
                + ") with no delivery report and no server reply in it.";
    }
}
