package dev.mailflow.smtp;

import dev.mailflow.text.AddressText;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A connection that opened: our end of it (the egress address the other side's logs and blocklists
 * know us by), the server's end, and how long the connect took.
 */
public record Connected(InetSocketAddress local, InetSocketAddress remote, Duration took) {

    /** {@code address:port}; IPv6 in brackets as in a URL (RFC 3986 §3.2.2). */
    public static String endpoint(InetSocketAddress address) {
        var host = address.getAddress();
        var text = host instanceof Inet6Address ? "[" + AddressText.of(host) + "]" : AddressText.of(host);
        return text + ":" + address.getPort();
    }

    /** The transcript's note. */
    public String note() {
        return "connected from " + endpoint(local) + " in " + took.toMillis() + " ms";
    }
}
