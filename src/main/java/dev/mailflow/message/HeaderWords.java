package dev.mailflow.message;

import dev.mailflow.mail.TagList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lexical pieces of structured header values (RFC 5322 §3.2): segments split by a separator
 * outside comments and quoted strings, words split by white space (a comment is one word), and tag
 * lists ({@code a=b; c=d}, RFC 6376 §3.2). One linear pass each, no regular expressions.
 */
final class HeaderWords {

    private HeaderWords() {}

    /** The parts between {@code separator}s that stand outside comments and quotes, stripped, empty ones left out. */
    static List<String> split(String text, char separator) {
        var parts = new ArrayList<String>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (!quoted && depth == 0 && c == separator) {
                add(parts, text.substring(start, i));
                start = i + 1;
            }
        }
        add(parts, text.substring(Math.min(start, text.length())));
        return parts;
    }

    /** White-space separated words; a comment (with its parentheses) and a quoted string are one word each. */
    static List<String> words(String text) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth == 0 && !quoted && Character.isWhitespace(c)) {
                flush(words, word);
                continue;
            }
            if (depth == 0 && !quoted && c == '(') {
                flush(words, word);
            }
            word.append(c);
            if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0 && --depth == 0) {
                flush(words, word);
            }
        }
        flush(words, word);
        return words;
    }

    /** A tag list: names in lower case, values with their folding white space removed at both ends. */
    static Map<String, String> tags(String text) {
        return TagList.parse(text);
    }

    static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"");
        }
        return value;
    }

    private static void add(List<String> parts, String part) {
        if (!part.isBlank()) {
            parts.add(part.strip());
        }
    }

    private static void flush(List<String> words, StringBuilder word) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
