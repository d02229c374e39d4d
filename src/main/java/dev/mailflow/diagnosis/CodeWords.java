package dev.mailflow.diagnosis;

/** A reply's codes in words, for the titles of findings that explain the code rather than the text. */
final class CodeWords {

    private CodeWords() {}

    /**
     * The codes of a reply in words: "550 (Requested action not taken: mailbox unavailable) with
     * 5.7.1 (Delivery not authorized, message refused)".
     */
    static String of(Knowledge knowledge, Explanation explanation) {
        var basic = explanation.code() == null
                ? null
                : knowledge
                        .lookup(String.valueOf(explanation.code()))
                        .map(e -> explanation.code() + " (" + e.title() + ")")
                        .orElse(String.valueOf(explanation.code()));
        var enhanced = explanation.enhanced() == null
                ? null
                : knowledge
                        .lookup(explanation.enhanced())
                        .filter(e -> e.kind() != CodeEntry.Kind.VENDOR)
                        .map(e -> explanation.enhanced() + " (" + e.title() + ")")
                        .orElse(explanation.enhanced());
        if (basic == null) {
            return enhanced == null ? "no code" : enhanced;
        }
        return enhanced == null ? basic : basic + " with " + enhanced;
    }
}
