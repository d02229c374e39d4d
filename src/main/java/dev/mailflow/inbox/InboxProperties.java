package dev.mailflow.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The test mailbox ({@code mailflow.inbox.*}), checked when the application starts.
 *
 * @param enabled whether the listener runs and addresses are handed out (off by default)
 * @param port the listener's port (the chart's Service maps 25 to it)
 * @param address the address the listener binds to; empty for every address
 * @param domain the domain whose MX points at mailflow; addresses are {@code check-<random>@domain}
 * @param ttl how long a handed-out address accepts its message
 * @param maxMessageSize the largest message accepted (552 5.3.4 beyond it)
 * @param retention how long addresses and their reports are kept
 * @param keepBody whether the message itself is stored with its report (by default only the
 *     report and the headers are)
 * @param tls the key store of the STARTTLS certificate; none: a self-signed one made at start
 * @param limits what one client may do
 */
@ConfigurationProperties("mailflow.inbox")
public record InboxProperties(
        boolean enabled,
        @DefaultValue("2525") int port,
        String address,
        String domain,
        @DefaultValue("1h") Duration ttl,
        @DefaultValue("10MB") DataSize maxMessageSize,
        @DefaultValue("7d") Duration retention,
        boolean keepBody,
        @DefaultValue Tls tls,
        @DefaultValue Limits limits) {

    /**
     * @param keyStore a PKCS12 or JKS file (or {@code classpath:} resource) with the certificate and key
     * @param keyStorePassword its password (also the key's)
     * @param keyStoreType {@code PKCS12} or {@code JKS}
     */
    public record Tls(
            String keyStore,
            String keyStorePassword,
            @DefaultValue("PKCS12") String keyStoreType) {

        public Tls {
            keyStore = keyStore == null ? "" : keyStore.strip();
            keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
            keyStoreType = keyStoreType == null || keyStoreType.isBlank() ? "PKCS12" : keyStoreType.strip();
        }
    }

    /**
     * @param commandTimeout how long the listener waits for one command or line of data
     * @param sessionTimeout the whole connection's deadline, however busy the client keeps it
     * @param maxConnections connections at once, all clients together
     * @param connectionsPerSource connections at once from one address
     * @param sessionsPerSource connections one address may open per {@code window}
     * @param window the sliding window of {@code sessionsPerSource}
     * @param maxRefusals refused recipients before the connection is dropped
     * @param messagesAtOnce messages read at once, all clients together: the memory the listener
     *     may hold is this times {@code max-message-size}; beyond it DATA gets {@code 452 4.3.1}
     */
    public record Limits(
            @DefaultValue("60s") Duration commandTimeout,
            @DefaultValue("10m") Duration sessionTimeout,
            @DefaultValue("50") int maxConnections,
            @DefaultValue("3") int connectionsPerSource,
            @DefaultValue("30") int sessionsPerSource,
            @DefaultValue("10m") Duration window,
            @DefaultValue("10") int maxRefusals,
            @DefaultValue("8") int messagesAtOnce) {

        public Limits {
            commandTimeout = positive("limits.command-timeout", commandTimeout, Duration.ofSeconds(60));
            sessionTimeout = positive("limits.session-timeout", sessionTimeout, Duration.ofMinutes(10));
            window = positive("limits.window", window, Duration.ofMinutes(10));
            atLeastOne("limits.max-connections", maxConnections);
            atLeastOne("limits.connections-per-source", connectionsPerSource);
            atLeastOne("limits.sessions-per-source", sessionsPerSource);
            atLeastOne("limits.max-refusals", maxRefusals);
            atLeastOne("limits.messages-at-once", messagesAtOnce);
        }
    }

    public InboxProperties {
        ttl = positive("ttl", ttl, Duration.ofHours(1));
        retention = positive("retention", retention, Duration.ofDays(7));
        maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(10) : maxMessageSize;
        if (maxMessageSize.toBytes() < 1024 || maxMessageSize.toBytes() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(
                    "mailflow.inbox.max-message-size must be between 1KB and 1GB, was " + maxMessageSize);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("mailflow.inbox.port must be between 0 and 65535, was " + port);
        }
        address = address == null ? "" : address.strip();
        domain = domain == null ? "" : domain.strip().toLowerCase(java.util.Locale.ROOT);
        tls = tls == null ? new Tls(null, null, null) : tls;
        limits = limits == null ? new Limits(null, null, 50, 3, 30, null, 10, 8) : limits;
        if (enabled) {
            CheckAddresses.domain(domain);
        }
    }

    private static Duration positive(String name, Duration value, Duration otherwise) {
        Duration d = value == null ? otherwise : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("mailflow.inbox." + name + " must be positive, was " + d);
        }
        return d;
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("mailflow.inbox." + name + " must be at least 1, was " + value);
        }
    }
}
