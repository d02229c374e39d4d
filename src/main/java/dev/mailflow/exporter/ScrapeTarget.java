package dev.mailflow.exporter;

import dev.mailflow.text.AddressText;
import java.util.regex.Pattern;

/**
 * What {@code /probe?target=} names: a domain (its MX hosts are looked up and every one probed),
 * or one host, when the target is an IP literal or carries a port ({@code mx1.example.com:25},
 * {@code 192.0.2.10}, {@code [2001:db8::25]:587}). Only the shape is read here; the probe request's
 * validation judges names, addresses and ports like any other request's.
 *
 * @param name the domain, host name or IP address (IPv6 without brackets)
 * @param port the port the target names, or null for the module's
 * @param isHost whether only this host is probed (no MX lookup)
 */
record ScrapeTarget(String name, Integer port, boolean isHost) {

    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final int MAX_LENGTH = 300;

    static ScrapeTarget parse(String text) {
        var target = text.strip();
        if (target.length() > MAX_LENGTH) {
            throw new BadScrapeException("Target parameter is too long");
        }
        if (target.startsWith("[")) {
            int close = target.indexOf(']');
            if (close < 0) {
                throw new BadScrapeException("Target parameter has '[' without ']'");
            }
            var address = target.substring(1, close);
            var rest = target.substring(close + 1);
            if (rest.isEmpty()) {
                return new ScrapeTarget(address, null, true);
            }
            if (!rest.startsWith(":")) {
                throw new BadScrapeException("Target parameter has text after ']' that is not a port");
            }
            return new ScrapeTarget(address, port(rest.substring(1)), true);
        }
        int colons = (int) target.chars().filter(c -> c == ':').count();
        if (colons > 1) {
            return new ScrapeTarget(target, null, true); // a bare IPv6 address
        }
        if (colons == 1) {
            int colon = target.indexOf(':');
            return new ScrapeTarget(target.substring(0, colon), port(target.substring(colon + 1)), true);
        }
        return new ScrapeTarget(
                target, null, AddressText.DOTTED_QUAD.matcher(target).matches());
    }

    private static int port(String text) {
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new BadScrapeException("Target parameter has an invalid port: a number from 1 to 65535 after ':'");
        }
        return Integer.parseInt(text);
    }

    /** What {@code {domain}} becomes: the domain or host name, or an address literal (RFC 5321 §4.1.3). */
    String mailDomain() {
        if (name.contains(":")) {
            return "[IPv6:" + name + "]";
        }
        return AddressText.DOTTED_QUAD.matcher(name).matches() ? "[" + name + "]" : name;
    }

    /** The target as written back in labels and the change tracker's key. */
    @Override
    public String toString() {
        var host = name.contains(":") ? "[" + name + "]" : name;
        return port == null ? host : host + ":" + port;
    }
}
