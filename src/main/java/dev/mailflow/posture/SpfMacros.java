package dev.mailflow.posture;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SPF macro expansion (RFC 7208 §7): {@code %{letter[digits][r][delimiters]}}, {@code %%}, {@code
 * %_}, {@code %-}. The HELO name ({@code h}) is the sender's domain: posture evaluates SPF for
 * mail, not for a HELO identity.
 */
final class SpfMacros {

    private static final Pattern MACRO = Pattern.compile(
            "%(?:\\{(?<letter>[slodiphcrtvSLODIPHCRTV])(?<digits>[0-9]*)(?<reverse>[rR]?)(?<delims>[.\\-+,/_=]*)}|(?<escape>[%_-]))");
    private static final int MAX_LENGTH = 253;

    private SpfMacros() {}

    static String expand(String spec, InetAddress ip, String sender, String domain) {
        if (!spec.contains("%")) {
            return spec;
        }
        var out = new StringBuilder();
        var m = MACRO.matcher(spec);
        int at = 0;
        while (m.find()) {
            if (m.start() != at && spec.substring(at, m.start()).contains("%")) {
                throw new IllegalArgumentException("bad macro in '" + spec + "'");
            }
            out.append(spec, at, m.start());
            at = m.end();
            if (m.group("escape") != null) {
                out.append(
                        switch (m.group("escape")) {
                            case "%" -> "%";
                            case "_" -> " ";
                            default -> "%20";
                        });
                continue;
            }
            String value = value(Character.toLowerCase(m.group("letter").charAt(0)), ip, sender, domain);
            out.append(transform(value, m.group("digits"), !m.group("reverse").isEmpty(), m.group("delims")));
        }
        if (spec.substring(at).contains("%")) {
            throw new IllegalArgumentException("bad macro in '" + spec + "'");
        }
        out.append(spec.substring(at));
        String expanded = out.toString();
        // RFC 7208 §7.3: drop left-hand labels until the name fits.
        while (expanded.length() > MAX_LENGTH && expanded.contains(".")) {
            expanded = expanded.substring(expanded.indexOf('.') + 1);
        }
        return expanded;
    }

    private static String value(char letter, InetAddress ip, String sender, String domain) {
        int at = sender.lastIndexOf('@');
        return switch (letter) {
            case 's' -> sender;
            case 'l' -> at > 0 ? sender.substring(0, at) : "postmaster";
            case 'o' -> sender.substring(at + 1);
            case 'd' -> domain;
            case 'i' -> ip instanceof Inet4Address ? ip.getHostAddress() : nibbles(ip);
            case 'v' -> ip instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> sender.substring(at + 1);
            // p (validated name) is "unknown" when not looked up (§7.3); c, r, t are for exp= only.
            default -> "unknown";
        };
    }

    /** A character class of the delimiters, each escaped (they are all punctuation). */
    private static String splitter(String delims) {
        var sb = new StringBuilder("[");
        delims.chars().forEach(c -> sb.append('\\').append((char) c));
        return sb.append(']').toString();
    }

    private static String nibbles(InetAddress ip) {
        String hex = HexFormat.of().formatHex(ip.getAddress());
        return String.join(".", hex.split(""));
    }

    /**
     * How many right-hand labels a macro keeps: RFC 7208 §7.1 says a number above the labels there
     * are keeps them all, so a number too long for an int (a hostile {@code %{d9999999999}}) keeps
     * them all too, rather than failing with Java's own words in the evidence.
     */
    private static int labels(String digits) {
        var significant = digits.replaceFirst("^0+", "");
        if (significant.isEmpty()) {
            throw new IllegalArgumentException("a macro keeps zero labels");
        }
        return significant.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(significant);
    }

    private static String transform(String value, String digits, boolean reverse, String delims) {
        String split = delims.isEmpty() ? "." : delims;
        List<String> parts = new ArrayList<>(Arrays.asList(value.split(splitter(split), -1)));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (!digits.isEmpty()) {
            int keep = labels(digits);
            parts = parts.subList(Math.max(0, parts.size() - keep), parts.size());
        }
        return String.join(".", parts);
    }
}
