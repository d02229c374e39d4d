package dev.mailflow.message;

/**
 * What a reader found for one recipient, before it is explained.
 *
 * @param address the recipient as the bounce names it, or null when it names none
 * @param action RFC 3464 §2.3.3's action, or null when the format does not say
 * @param status the enhanced status the bounce gives for the recipient, or null
 * @param remoteMta the server that answered, or null
 * @param reply the remote reply, or null
 * @param lastAttempt when delivery was last tried (ISO-8601 when the date could be read), or null
 * @param retryUntil until when the sender keeps trying, or null
 */
record Found(
        String address,
        Action action,
        String status,
        String remoteMta,
        RemoteReply reply,
        String lastAttempt,
        String retryUntil) {

    static Found of(String address, String reply) {
        var parsed = reply == null ? null : RemoteReply.parse(reply);
        return new Found(address, null, null, null, parsed == null || parsed.nothing() ? null : parsed, null, null);
    }

    Found withAction(Action a) {
        return new Found(address, a, status, remoteMta, reply, lastAttempt, retryUntil);
    }

    Found withReply(RemoteReply r) {
        return new Found(address, action, status, remoteMta, r, lastAttempt, retryUntil);
    }

    Found withRemoteMta(String mta) {
        return new Found(address, action, status, mta, reply, lastAttempt, retryUntil);
    }

    /** The enhanced status: the bounce's own field, else the reply's. */
    String anyStatus() {
        if (status != null) {
            return status;
        }
        return reply == null ? null : reply.enhanced();
    }
}
