package dev.mailflow.dns;

import java.util.regex.Pattern;

/**
 * A {@code host[:port]} as settings name servers: an IPv4 literal, a bracketed IPv6 literal
 * ({@code [2001:db8::53]:53}) or a name, then an optional port. The one parser of that form; the
 * host stays a string (a name is resolved later, by whoever connects).
 *
 * @param host the name or the literal, without brackets
 */
public record HostPort(String host, int port) {

    private static final Pattern FORM = Pattern.compile(
            "(?<host>\\[[0-9A-Fa-f:.]+]|[0-9A-Za-z](?:[0-9A-Za-z.-]{0,251}[0-9A-Za-z])?)(?::(?<port>[0-9]{1,5}))?");

    /**
     * @param setting the setting's name, for the message
     * @throws IllegalArgumentException naming the setting and what is wrong with the entry
     */
    public static HostPort parse(String text, int defaultPort, String setting) {
        var match = text == null ? null : FORM.matcher(text.strip());
        if (match == null || !match.matches()) {
            throw new IllegalArgumentException(
                    setting + ": '" + text + "' is not host[:port] (an IP address or a name)");
        }
        String host = match.group("host");
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            if (HostLiteral.parse(host).isEmpty()) {
                throw new IllegalArgumentException(setting + ": '" + text + "' has an invalid IPv6 address");
            }
        }
        int port = match.group("port") == null ? defaultPort : Integer.parseInt(match.group("port"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(setting + ": '" + text + "' has a port outside 1-65535");
        }
        return new HostPort(host, port);
    }
}
