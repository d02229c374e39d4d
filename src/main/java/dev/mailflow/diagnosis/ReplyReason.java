package dev.mailflow.diagnosis;

/**
 * The reason one reply was refused or deferred, and what it was read from.
 *
 * @param detail which list, which limit, which check or which provider code, when the reply says
 *     (e.g. "zen.spamhaus.org", "connections", "DMARC", "Yahoo TSS04"); null otherwise
 * @param basis what decided: a vendor table, a phrase of the text, the code alone, or nothing
 * @param codeSays the reason the code alone names when it differs from what the text says (the text
 *     won); null when they agree or the code names no cause
 */
public record ReplyReason(Reason reason, String detail, Basis basis, Reason codeSays) {

    public static final ReplyReason UNRECOGNISED = new ReplyReason(Reason.UNRECOGNISED, null, Basis.NONE, null);

    public enum Basis {
        VENDOR,
        TEXT,
        CODE,
        NONE
    }

    /** Whether the code and the text name different causes. */
    public boolean contradicts() {
        return codeSays != null;
    }

    /** "rate limited (connections)", "recipient unknown". */
    public String words() {
        return detail == null ? reason.words() : reason.words() + " (" + detail + ")";
    }
}
