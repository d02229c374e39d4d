package dev.mailflow.dns;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

/**
 * Where mailflow asks its DNS questions ({@code mailflow.dns.*}), checked when the application
 * starts.
 *
 * @param servers resolvers as {@code host[:port]}, the host an IPv4 literal, a bracketed IPv6
 *     literal ({@code [2001:db8::53]:53}) or a name; empty means the system's resolvers
 * @param timeout how long one MX plan's lookups may wait for answers
 */
@ConfigurationProperties("mailflow.dns")
public record DnsProperties(
        List<String> servers, @DefaultValue("5s") Duration timeout) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public DnsProperties {
        servers = servers == null ? List.of() : List.copyOf(servers);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("mailflow.dns.timeout must be positive, was " + timeout);
        }
        for (String server : servers) {
            endpoint(server);
        }
    }

    /**
     * The resolver these properties describe: the configured servers, or the system's ({@link
     * ResolverConfig}) when none are configured. SimpleResolver retries a truncated UDP answer
     * over TCP by itself (RFC 7766 §5), so nothing else has to.
     */
    public Resolver resolver() {
        List<SimpleResolver> resolvers = servers.isEmpty()
                ? ResolverConfig.getCurrentConfig().servers().stream()
                        .map(SimpleResolver::new)
                        .toList()
                : servers.stream().map(DnsProperties::simpleResolver).toList();
        // Each server gets a share of the time, so a dead first server leaves time for the next.
        Duration each = timeout.dividedBy(Math.max(1, resolvers.size()));
        resolvers.forEach(resolver -> resolver.setTimeout(each));
        ExtendedResolver resolver = new ExtendedResolver(List.<Resolver>copyOf(resolvers));
        resolver.setTimeout(timeout);
        return resolver;
    }

    private static SimpleResolver simpleResolver(String entry) {
        HostPort endpoint = endpoint(entry);
        var literal = HostLiteral.parse(endpoint.host());
        if (literal.isPresent()) {
            return new SimpleResolver(new InetSocketAddress(literal.get(), endpoint.port()));
        }
        try {
            // A resolver's name comes from the operator's configuration, not from a user, so the
            // system may look it up, once, when the resolver is built.
            SimpleResolver named = new SimpleResolver(endpoint.host());
            named.setPort(endpoint.port());
            return named;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("mailflow.dns.servers: cannot find DNS server " + endpoint.host(), e);
        }
    }

    static HostPort endpoint(String server) {
        return HostPort.parse(server, 53, "mailflow.dns.servers");
    }
}
