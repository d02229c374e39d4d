package dev.mailflow.message;

import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;

/** Header lines as Angus Mail returns them, made into fields. */
final class Headers {

    private Headers() {}

    static List<HeaderField> fields(Enumeration<String> lines, int max, Consumer<String> flaw) {
        var fields = new ArrayList<HeaderField>();
        while (lines.hasMoreElements()) {
            var line = lines.nextElement();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            if (fields.size() == max) {
                flaw.accept("more than " + max + " header fields; the rest was not read");
                break;
            }
            var name = line.substring(0, colon).strip();
            var value = unfold(line.substring(colon + 1));
            fields.add(new HeaderField(name, decoded(value), line));
        }
        return fields;
    }

    /** RFC 5322 §2.2.3: a line break followed by white space is not part of the value. */
    static String unfold(String value) {
        return value.replaceAll("\\r?\\n(?=[ \\t])", "").strip();
    }

    /** RFC 2047 encoded words ({@code =?UTF-8?B?...?=}) as text; a broken one stays as written. */
    static String decoded(String value) {
        if (!value.contains("=?")) {
            return value;
        }
        try {
            return MimeUtility.decodeText(value);
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }
}
