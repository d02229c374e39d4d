package dev.mailflow.diagnosis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One remote reply found in a pasted text (a reply line, a multi-line reply or a whole bounce),
 * explained with the same classifier and findings as a live probe. The API's JSON is this record
 * without {@code nature} and {@code entries} (the page shows them; the codes have their own API).
 *
 * @param line the reply as found, codes first, text bounded
 * @param code the basic code, or null when the reply had none
 * @param enhanced the enhanced code, or null
 * @param reason why it was refused; null for a 2xx or 3xx reply
 * @param detail which list, limit, check or provider code, when the reply says
 * @param contradiction when the code names another cause than the text, the sentence that says so
 * @param nature what the first digit pasted says: permanent (5), transient (4), success (2)...
 * @param entries the knowledge entries for the codes, most specific first
 */
public record ExplainedReply(
        String line,
        Integer code,
        String enhanced,
        Reason reason,
        String detail,
        String contradiction,
        String title,
        List<String> causes,
        List<String> fixes,
        Owner owner,
        @JsonIgnore CodeEntry.Nature nature,
        @JsonIgnore List<CodeEntry> entries) {

    public ExplainedReply {
        causes = List.copyOf(causes);
        fixes = List.copyOf(fixes);
        entries = List.copyOf(entries);
    }
}
