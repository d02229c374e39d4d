package dev.mailflow.web;

import dev.mailflow.diagnosis.Owner;
import dev.mailflow.message.BounceKind;
import dev.mailflow.message.BounceRecipient;
import dev.mailflow.message.BounceReport;
import java.util.List;
import java.util.Locale;

/**
 * The explainer page's first answer: what the message is in one sentence, and one row per recipient
 * (what happened, the reason in words, who acts) with what a "test this recipient now" needs.
 */
record BounceView(BounceReport report, String headline, List<Row> rows) {

    /**
     * @param was the bounce's reply as one line, shown beside the live outcome
     * @param retest whether the recipient can be tested again (it failed or is delayed, and has an address)
     */
    record Row(
            int index,
            String address,
            String happened,
            String reason,
            String owner,
            String status,
            String was,
            boolean retest,
            BounceRecipient recipient) {}

    static BounceView of(BounceReport report) {
        var rows = new java.util.ArrayList<Row>();
        for (int i = 0; i < report.recipients().size(); i++) {
            var r = report.recipients().get(i);
            rows.add(new Row(
                    i,
                    r.address() == null ? "(not named)" : r.address(),
                    happened(r),
                    r.title() != null
                            ? r.title()
                            : r.reason() == null ? "" : r.reason().words(),
                    owner(r.owner()),
                    r.status() != null
                            ? r.status()
                            : r.reply() != null && r.reply().code() != null
                                    ? String.valueOf(r.reply().code())
                                    : "",
                    r.reply() == null
                            ? (r.status() == null ? "" : r.status())
                            : r.reply().line(),
                    r.failed() && r.address() != null && r.address().contains("@"),
                    r));
        }
        return new BounceView(report, headline(report), List.copyOf(rows));
    }

    /** Not a bounce: a pasted message may still be read by the header analyzer (/headers). */
    public boolean notABounce() {
        return report.kind() == BounceKind.NOT_A_BOUNCE;
    }

    private static String headline(BounceReport report) {
        int n = report.recipients().size();
        var who = n == 1 ? "1 recipient" : n + " recipients";
        return switch (report.kind()) {
            case BOUNCE -> "A bounce: delivery failed (" + who + " listed).";
            case DELAY -> "A delay notice: the sending server is still trying (" + who + ").";
            case DELIVERED -> "A delivery report: the message was delivered (" + who + ").";
            case RELAYED ->
                "A relay report: the message was handed on to a system that sends no reports (" + who + ").";
            case FEEDBACK -> "An abuse report (ARF): someone reported a message as unwanted.";
            case AUTO_REPLY -> "An automatic reply (out of office or vacation), not a bounce.";
            case NOT_A_BOUNCE -> "No bounce found.";
        };
    }

    private static String happened(BounceRecipient r) {
        if (r.action() == null) {
            return "";
        }
        return switch (r.action()) {
            case FAILED ->
                "refused"
                        + (r.reply() != null
                                        && r.reply().code() != null
                                        && r.reply().code() / 100 == 4
                                ? " (after retrying)"
                                : "");
            case DELAYED ->
                r.retryUntil() == null ? "delayed, still trying" : "delayed, still trying until " + r.retryUntil();
            case DELIVERED -> "delivered";
            case RELAYED -> "relayed";
            case EXPANDED -> "expanded to a list";
        };
    }

    private static String owner(Owner owner) {
        return owner == null ? "" : owner.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
