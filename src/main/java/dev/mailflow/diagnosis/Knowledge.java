package dev.mailflow.diagnosis;

import dev.mailflow.smtp.SmtpReply;
import java.util.List;
import java.util.Optional;

/** The reply-code knowledge base, loaded once from {@code knowledge/codes.yaml}. */
public final class Knowledge {

    /** Loads the built-in knowledge file; fails fast when it is broken. */
    public static Knowledge load() {
        throw new UnsupportedOperationException("built in the diagnosis work");
    }

    /** Every entry: basic codes, enhanced codes, vendor entries. */
    public List<CodeEntry> entries() {
        throw new UnsupportedOperationException("built in the diagnosis work");
    }

    /** Looks up {@code 550}, {@code 5.1.1}, {@code 550 5.1.1} or a vendor key. */
    public Optional<CodeEntry> lookup(String key) {
        throw new UnsupportedOperationException("built in the diagnosis work");
    }

    /** Explains a pasted reply line ("550 5.1.1 <x@y>: Recipient address rejected: User unknown"). */
    public Explanation explain(String replyLine) {
        throw new UnsupportedOperationException("built in the diagnosis work");
    }

    /** Explains a reply a session received. */
    public Explanation explain(SmtpReply reply) {
        throw new UnsupportedOperationException("built in the diagnosis work");
    }
}
