package dev.mailflow.text;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * An IP address as people write it: IPv6 in the short form of RFC 5952 §4 ({@code ::1},
 * {@code 2001:db8::25}), never Java's {@code 0:0:0:0:0:0:0:1}; IPv4 as dotted quad.
 */
public final class AddressText {

    /**
     * An IPv4 address as a canonical dotted quad: four decimal octets 0-255 without leading zeros
     * (the strict form of RFC 6943 §3.1.1; {@code 010.1.1.1} or {@code 1.1} are not addresses here).
     * The one pattern every reader of IPv4 text uses.
     */
    public static final Pattern DOTTED_QUAD = Pattern.compile(
            "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private AddressText() {}

    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        var bytes = address.getAddress();
        var groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        // RFC 5952 §4.2: "::" replaces the longest run of two or more zero groups, the first on a tie.
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > runLength) {
                runStart = i;
                runLength = end - i;
            }
            i = end;
        }
        var text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                text.append("::");
                i += runLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
