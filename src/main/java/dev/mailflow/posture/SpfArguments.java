package dev.mailflow.posture;

import dev.mailflow.dns.HostLiteral;
import dev.mailflow.egress.Cidr;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** The networks and prefix lengths written in SPF terms (RFC 7208 §5.6, §5.3, §5.4). */
final class SpfArguments {

    /** A CIDR prefix length: no leading zero, at most three digits. */
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    private SpfArguments() {}

    static boolean network(InetAddress ip, String arg, String term, boolean six) throws SpfError {
        if (arg == null || !arg.startsWith(":")) {
            throw new SpfError(SpfResult.PERMERROR, term + " has no address");
        }
        String value = arg.substring(1);
        int slash = value.indexOf('/');
        var net = HostLiteral.parse(slash < 0 ? value : value.substring(0, slash));
        if (net.isEmpty() || (net.get() instanceof Inet6Address) != six) {
            throw new SpfError(SpfResult.PERMERROR, term + " is not a valid " + (six ? "IPv6" : "IPv4") + " network");
        }
        int bits = six ? 128 : 32;
        if (slash >= 0) {
            bits = prefix(value.substring(slash + 1), six ? 128 : 32, term);
        }
        return new Cidr(net.get(), bits).contains(ip);
    }

    /** The /cidr4 and //cidr6 of an a or mx mechanism ("a:host/24//64", "mx//64"). */
    static int[] cidrs(String arg, String term) throws SpfError {
        int[] result = {32, 128};
        if (arg == null) {
            return result;
        }
        int slash = arg.indexOf('/');
        if (slash < 0) {
            return result;
        }
        String tail = arg.substring(slash);
        int six = tail.indexOf("//");
        String v4 = six < 0 ? tail.substring(1) : tail.substring(1, six);
        if (!v4.isEmpty()) {
            result[0] = prefix(v4, 32, term);
        }
        if (six >= 0) {
            result[1] = prefix(tail.substring(six + 2), 128, term);
        }
        return result;
    }

    static int prefix(String digits, int max, String term) throws SpfError {
        if (!PREFIX.matcher(digits).matches() || Integer.parseInt(digits) > max) {
            throw new SpfError(SpfResult.PERMERROR, term + " has an invalid prefix length");
        }
        return Integer.parseInt(digits);
    }
}
