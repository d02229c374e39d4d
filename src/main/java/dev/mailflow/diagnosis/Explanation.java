package dev.mailflow.diagnosis;

import java.util.List;

/**
 * What the knowledge base says about one reply line or code: the parsed codes and every entry that
 * applies, most specific first (vendor, then enhanced, then basic).
 *
 * @param code the basic code, or null when the input had none
 * @param enhanced the enhanced code as written (e.g. {@code 5.1.1}), or null
 * @param reason why the server refused, read from code and text together (for a 2xx or 3xx reply:
 *     unrecognised, there is nothing to explain)
 */
public record Explanation(String input, Integer code, String enhanced, List<CodeEntry> entries, ReplyReason reason) {

    public Explanation {
        entries = List.copyOf(entries);
        reason = reason == null ? ReplyReason.UNRECOGNISED : reason;
    }

    public Explanation(String input, Integer code, String enhanced, List<CodeEntry> entries) {
        this(input, code, enhanced, entries, null);
    }
}
