package dev.mailflow.diagnosis;

import java.util.List;

/**
 * What the knowledge base says about one reply line or code: the parsed codes and every entry that
 * applies, most specific first (vendor, then enhanced, then basic).
 *
 * @param code the basic code, or null when the input had none
 * @param enhanced the enhanced code as written (e.g. {@code 5.1.1}), or null
 */
public record Explanation(String input, Integer code, String enhanced, List<CodeEntry> entries) {

    public Explanation {
        entries = List.copyOf(entries);
    }
}
