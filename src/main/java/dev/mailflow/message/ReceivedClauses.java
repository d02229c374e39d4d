package dev.mailflow.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The clauses of a {@code Received} header before its date (RFC 5321 §4.4: {@code from}, {@code
 * by}, {@code via}, {@code with}, {@code id}, {@code for}), each with its words and its comments.
 * A keyword counts only outside comments, so Postfix's {@code (Postfix, from userid 1000)} and
 * {@code (using TLSv1.3 with cipher ...)} are comments of the clause they follow, never clauses of
 * their own. Exim's {@code tls <cipher>} is read as a clause too. A keyword written twice keeps both
 * values, joined by "; ".
 */
final class ReceivedClauses {

    static final Set<String> KEYWORDS = Set.of("from", "by", "via", "with", "id", "for", "tls");

    /** Comments nest (RFC 5322 §3.2.2); deeper nesting than this is read as text. */
    private static final int MAX_DEPTH = 8;

    /** One clause: its words (outside comments) and its comments (outer parentheses removed). */
    record Clause(List<String> words, List<String> comments) {

        String text() {
            return String.join(" ", words);
        }

        String first() {
            return words.isEmpty() ? null : words.getFirst();
        }
    }

    private final Map<String, Clause> clauses = new LinkedHashMap<>();
    /** Comments before any keyword: qmail's {@code (qmail 4711 invoked from network)}. */
    private final List<String> leading = new ArrayList<>();

    private ReceivedClauses() {}

    static ReceivedClauses of(String text) {
        var result = new ReceivedClauses();
        String current = null;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                int end = commentEnd(text, i);
                String comment = text.substring(i + 1, Math.max(i + 1, end - 1)).strip();
                if (current == null) {
                    result.leading.add(comment);
                } else {
                    result.clauses.get(current).comments().add(comment);
                }
                i = end;
            } else {
                int end = wordEnd(text, i);
                String word = text.substring(i, end);
                String keyword = word.toLowerCase(Locale.ROOT);
                if (KEYWORDS.contains(keyword)) {
                    current = keyword;
                    result.clauses.computeIfAbsent(keyword, k -> new Clause(new ArrayList<>(), new ArrayList<>()));
                    var clause = result.clauses.get(keyword);
                    if (!clause.words().isEmpty()) {
                        clause.words().add(";");
                    }
                } else if (current != null) {
                    result.clauses.get(current).words().add(word);
                }
                i = end;
            }
        }
        return result;
    }

    /** The clause, or null when the header has none. */
    Clause get(String keyword) {
        return clauses.get(keyword);
    }

    /** The first word of each time the keyword was written ("by me by you": "me; you"), or null. */
    String firsts(String keyword) {
        var clause = clauses.get(keyword);
        if (clause == null || clause.words().isEmpty()) {
            return null;
        }
        var firsts = new ArrayList<String>();
        boolean next = true;
        for (String word : clause.words()) {
            if (word.equals(";")) {
                next = true;
            } else if (next) {
                firsts.add(word);
                next = false;
            }
        }
        return firsts.isEmpty() ? null : String.join("; ", firsts);
    }

    /** The clause's words as one text ("; " between repeated clauses), or null. */
    String text(String keyword) {
        var clause = clauses.get(keyword);
        if (clause == null || clause.words().isEmpty()) {
            return null;
        }
        return clause.text().replace(" ; ", "; ");
    }

    List<String> leading() {
        return leading;
    }

    /** Every comment, of every clause and before them. */
    List<String> comments() {
        var all = new ArrayList<>(leading);
        clauses.values().forEach(c -> all.addAll(c.comments()));
        return all;
    }

    /** The index after the comment opening at {@code start}, or the text's end when it never closes. */
    private static int commentEnd(String text, int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth = Math.min(depth + 1, MAX_DEPTH);
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }

    /** A word ends at white space or a comment; an angle address {@code <a b@c>} is one word. */
    private static int wordEnd(String text, int start) {
        int i = start;
        boolean angle = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (!angle && (Character.isWhitespace(c) || c == '(')) {
                break;
            }
            i++;
        }
        return Math.max(i, start + 1);
    }
}
