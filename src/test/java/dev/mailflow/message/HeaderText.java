package dev.mailflow.message;

import java.util.ArrayList;
import java.util.List;

/** Header fields from a header block written in a test (LF or CRLF line ends, folded lines kept raw). */
final class HeaderText {

    private HeaderText() {}

    static List<HeaderField> fields(String block) {
        var fields = new ArrayList<HeaderField>();
        StringBuilder raw = null;
        for (String line : block.replace("\r\n", "\n").split("\n")) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && raw != null) {
                raw.append("\r\n").append(line);
            } else {
                add(fields, raw);
                raw = new StringBuilder(line);
            }
        }
        add(fields, raw);
        return fields;
    }

    private static void add(List<HeaderField> fields, StringBuilder raw) {
        if (raw == null || raw.indexOf(":") < 0) {
            return;
        }
        String text = raw.toString();
        int colon = text.indexOf(':');
        String value = text.substring(colon + 1).replace("\r\n", "").strip();
        fields.add(new HeaderField(text.substring(0, colon).strip(), value, text));
    }
}
