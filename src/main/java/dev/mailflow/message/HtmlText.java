package dev.mailflow.message;

import java.util.Locale;

/**
 * The text of an HTML part (a Microsoft 365 or Mimecast notice may come as HTML only): tags
 * dropped, block ends as line breaks, the common entities decoded. One pass, no regex: the input is
 * a stranger's.
 */
final class HtmlText {

    private HtmlText() {}

    static String of(String html) {
        var out = new StringBuilder(Math.min(html.length(), 1 << 20));
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    break;
                }
                var tag = html.substring(i + 1, Math.min(end, i + 12)).toLowerCase(Locale.ROOT);
                if (tag.startsWith("style") || tag.startsWith("script")) {
                    int close = html.toLowerCase(Locale.ROOT)
                            .indexOf("</" + (tag.startsWith("style") ? "style" : "script"), end);
                    i = close < 0 ? n : close;
                    continue;
                }
                if (tag.startsWith("br")
                        || tag.startsWith("/p")
                        || tag.startsWith("/div")
                        || tag.startsWith("/tr")
                        || tag.startsWith("/li")
                        || tag.startsWith("/h")
                        || tag.startsWith("/table")
                        || tag.startsWith("p ")
                        || tag.equals("p")) {
                    out.append('\n');
                } else if (tag.startsWith("/td") || tag.startsWith("/th")) {
                    out.append(' ');
                }
                i = end + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                if (semi > i && semi - i <= 8) {
                    out.append(entity(html.substring(i + 1, semi)));
                    i = semi + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c == '\r' ? ' ' : c);
                i++;
            }
        }
        // Lines as a reader sees them: runs of spaces folded, leading spaces kept short.
        var lines = new StringBuilder();
        for (var line : out.toString().split("\n", -1)) {
            var folded = line.replace('\u00a0', ' ').replace('\t', ' ').strip().replaceAll(" {2,}", " ");
            lines.append(folded).append('\n');
        }
        return lines.toString().replaceAll("\n{3,}", "\n\n");
    }

    private static String entity(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos", "#39" -> "'";
            case "nbsp", "#160" -> " ";
            default -> name.startsWith("#") ? numeric(name) : "&" + name + ";";
        };
    }

    private static String numeric(String name) {
        try {
            int code = name.startsWith("#x") || name.startsWith("#X")
                    ? Integer.parseInt(name.substring(2), 16)
                    : Integer.parseInt(name.substring(1));
            return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "";
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
