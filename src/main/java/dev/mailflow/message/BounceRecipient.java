package dev.mailflow.message;

import dev.mailflow.diagnosis.Owner;
import dev.mailflow.diagnosis.Reason;
import java.util.List;

/**
 * One recipient of a bounce, explained like a live probe's reply.
 *
 * @param address the recipient, or null when the bounce names none
 * @param action what the reporting server did (failed, delayed, delivered, relayed, expanded)
 * @param status the enhanced status ({@code 5.1.1}), or null
 * @param remoteMta the server that answered, or null
 * @param reply the remote server's reply, or null when the bounce quotes none
 * @param reason why, in the vocabulary every view shares; null when delivered
 * @param lastAttempt when delivery was last tried (ISO-8601 when it could be read), or null
 * @param retryUntil until when the sender keeps trying, or null
 */
public record BounceRecipient(
        String address,
        Action action,
        String status,
        String remoteMta,
        RemoteReply reply,
        Reason reason,
        String title,
        List<String> causes,
        List<String> fixes,
        Owner owner,
        String lastAttempt,
        String retryUntil) {

    public BounceRecipient {
        causes = List.copyOf(causes);
        fixes = List.copyOf(fixes);
    }

    /** A recipient that did not get the message (and may be tested again now). */
    public boolean failed() {
        return action == Action.FAILED || action == Action.DELAYED;
    }
}
