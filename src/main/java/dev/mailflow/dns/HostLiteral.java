package dev.mailflow.dns;

import dev.mailflow.text.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;

/**
 * Strict IP literals: only the canonical forms a person reads the same way every parser does.
 *
 * <p>Why strict: {@code inet_aton} and many URL parsers read {@code 2130706433}, {@code 0x7f.1},
 * {@code 0177.0.0.1} and {@code 127.1} as 127.0.0.1, so a lenient parser lets a user reach loopback
 * past a filter that only knows dotted quads. RFC 6943 §3.1.1 recommends the strict form.
 */
public final class HostLiteral {

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    // RFC 3696 §2: a top-level domain is never all-numeric; hex is how inet_aton spells numbers.
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)[0-9]+|0x[0-9a-f]*");

    private HostLiteral() {}

    /** The address of a canonical dotted quad or an IPv6 literal (brackets allowed), else empty. */
    public static Optional<InetAddress> parse(String text) {
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        byte[] bytes = null;
        if (AddressText.DOTTED_QUAD.matcher(literal).matches()) {
            bytes = Address.toByteArray(literal, Address.IPv4);
        } else if (literal.contains(":") && IPV6_CHARS.matcher(literal).matches()) {
            // no zone ids ("%eth0"): they name an interface of this machine, never a mail server
            bytes = Address.toByteArray(literal, Address.IPv6);
        }
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }

    /**
     * True for text that is not a canonical literal but that some parser would read as an
     * address: its last label is a number (decimal, octal or hex).
     */
    static boolean looksNumeric(String text) {
        String host = text.strip();
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String last = host.substring(host.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(last).matches();
    }
}
