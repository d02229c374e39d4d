package dev.mailflow.message;

import java.util.List;
import java.util.Locale;

/**
 * The words and header fields that tell a delay notice, an automatic reply and a bounce apart when
 * a report has no RFC 3464 action to say it.
 */
final class ReportKind {

    /** Delay notices: Postfix, Sendmail, Exim, Exchange, Gmail, OpenSMTPD, Courier. */
    private static final List<String> DELAY = List.of(
            "delayed mail (still being retried)",
            "delivery status notification (delay)",
            "warning: could not send message for past",
            "have not yet been delivered",
            "delivery is delayed to these recipients",
            "** delivery incomplete **",
            "will retry for",
            "will continue to retry",
            "has not been delivered yet",
            "delayed mail",
            "message delayed",
            "delivery delayed");

    /** Subjects of automatic replies, in the languages mailflow's users write. */
    private static final List<String> AUTO_SUBJECT = List.of(
            "automatic reply",
            "auto:",
            "autoreply",
            "auto-reply",
            "out of office",
            "out of the office",
            "abwesenheitsnotiz",
            "automatische antwort",
            "réponse automatique",
            "absence",
            "vacation");

    /** Words in a bounce's From or Subject. */
    private static final List<String> BOUNCE_WORDS = List.of(
            "mailer-daemon",
            "postmaster",
            "mail delivery",
            "undeliver",
            "undelivered",
            "delivery status",
            "delivery failure",
            "failure notice",
            "returned mail",
            "delivery has failed",
            "non remis",
            "unzustellbar",
            "nicht zustellbar",
            "couldn't be delivered",
            "could not be delivered",
            "not delivered",
            "delivery problem",
            "delivery notification",
            "bounce");

    private ReportKind() {}

    static boolean saysDelayed(ReportText report) {
        var subject = lower(ReadMessage.first(report.headers(), "Subject"));
        var text = lower(report.text().length() > 8000 ? report.text().substring(0, 8000) : report.text());
        return DELAY.stream().anyMatch(d -> subject.contains(d) || text.contains(d))
                || subject.startsWith("warning: message") && subject.contains("delayed");
    }

    /** RFC 3834 §5: Auto-Submitted: auto-replied; and the fields and subjects vacation programs use. */
    static boolean isAutoReply(List<HeaderField> headers) {
        var submitted = lower(ReadMessage.first(headers, "Auto-Submitted"));
        var subject = lower(ReadMessage.first(headers, "Subject"));
        return submitted.startsWith("auto-replied")
                || ReadMessage.first(headers, "X-Autoreply") != null
                || ReadMessage.first(headers, "X-Autorespond") != null
                || lower(ReadMessage.first(headers, "Precedence")).equals("auto_reply")
                || AUTO_SUBJECT.stream().anyMatch(subject::startsWith)
                || subject.contains("out of office");
    }

    /** The message says it is about delivery: its sender, subject, type or text. */
    static boolean looksLikeBounce(ReportText report) {
        var from = lower(ReadMessage.first(report.headers(), "From"));
        var subject = lower(ReadMessage.first(report.headers(), "Subject"));
        var type = lower(ReadMessage.first(report.headers(), "Content-Type"));
        var head = lower(report.text().length() > 4000 ? report.text().substring(0, 4000) : report.text());
        return type.contains("report-type=delivery-status")
                || BOUNCE_WORDS.stream().anyMatch(w -> from.contains(w) || subject.contains(w) || head.contains(w))
                || !report.deliveryStatus().isEmpty();
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
