package dev.mailflow.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The service extensions of an EHLO reply (RFC 5321 §4.1.1.1): keyword in upper case to its parameters. */
record Extensions(Map<String, String> keywords) {

    static final Extensions NONE = new Extensions(Map.of());

    /** §4.1.1.1 ehlo-keyword; anything else (like the old "AUTH=LOGIN") is not an extension we act on. */
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    Extensions {
        keywords = Map.copyOf(keywords);
    }

    /** The first line greets with the server's name; each further line names one extension. */
    static Extensions parse(SmtpReply ehloReply) {
        var map = new LinkedHashMap<String, String>();
        var lines = ehloReply.lines();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String text = line.length() > 4 ? line.substring(4).strip() : "";
            int space = text.indexOf(' ');
            String keyword = space < 0 ? text : text.substring(0, space);
            if (KEYWORD.matcher(keyword).matches()) {
                map.putIfAbsent(
                        keyword.toUpperCase(Locale.ROOT),
                        space < 0 ? "" : text.substring(space + 1).strip());
            }
        }
        return new Extensions(map);
    }

    boolean has(String keyword) {
        return keywords.containsKey(keyword);
    }

    String param(String keyword) {
        return keywords.getOrDefault(keyword, "");
    }
}
