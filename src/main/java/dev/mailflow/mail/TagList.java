package dev.mailflow.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tag list ({@code name=value; name=value}) as DKIM-Signature fields, DKIM keys, DMARC, MTA-STS and
 * TLS-RPT records write it (RFC 6376 §3.2): the one reading of it.
 */
public final class TagList {

    private TagList() {}

    /** Names in lower case, values with their white space removed at both ends; the first of a name wins. */
    public static Map<String, String> parse(String text) {
        var tags = new LinkedHashMap<String, String>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(
                        part.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        part.substring(eq + 1).strip());
            }
        }
        return tags;
    }
}
