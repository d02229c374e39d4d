package dev.mailflow.message;

import dev.mailflow.diagnosis.ExplainedReply;
import java.util.List;

/**
 * What mailflow read from a bounce (or from what turned out not to be one).
 *
 * @param kind what the message is
 * @param family the format family it was read as ({@code rfc3464}, {@code exim}, {@code
 *     line-scanner}...), or null
 * @param original the message that bounced
 * @param recipients one entry per recipient, in the report's order
 * @param replies every distinct remote reply, explained
 * @param feedback an abuse report's facts, for {@code FEEDBACK}; else null
 * @param sender the original sender (for testing a recipient again), or null
 * @param found for {@code NOT_A_BOUNCE} and {@code AUTO_REPLY}: what was found instead, in words
 * @param flaws what could not be read (see {@link ReadMessage#flaws()})
 */
public record BounceReport(
        BounceKind kind,
        String family,
        OriginalMessage original,
        List<BounceRecipient> recipients,
        List<ExplainedReply> replies,
        Feedback feedback,
        String sender,
        String found,
        List<String> flaws) {

    public BounceReport {
        recipients = List.copyOf(recipients);
        replies = List.copyOf(replies);
        flaws = List.copyOf(flaws);
    }
}
