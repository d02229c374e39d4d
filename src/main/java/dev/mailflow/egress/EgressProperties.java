package dev.mailflow.egress;

import java.net.InetAddress;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where mailflow's own connections start from ({@code mailflow.egress.*}), checked at startup.
 *
 * @param sourceAddress an address of this host (an IP literal) every outgoing connection is bound
 *     to: the address a multi-homed host sends from, or how two vantages on one host get different
 *     addresses; connections to the other address family are not bound. Empty: the routing table
 *     picks, as usual.
 */
@ConfigurationProperties("mailflow.egress")
public record EgressProperties(String sourceAddress) {

    public EgressProperties {
        sourceAddress = sourceAddress == null || sourceAddress.isBlank() ? null : sourceAddress.strip();
        if (sourceAddress != null) {
            parse(sourceAddress);
        }
    }

    /** No source address: the routing table picks. */
    public static EgressProperties none() {
        return new EgressProperties(null);
    }

    /** The configured source address, if any. */
    public Optional<InetAddress> source() {
        return Optional.ofNullable(sourceAddress).map(EgressProperties::parse);
    }

    private static InetAddress parse(String literal) {
        if (literal.contains("/")) {
            throw new IllegalArgumentException(
                    "mailflow.egress.source-address: '" + literal + "' must be one address, not a block");
        }
        try {
            return Cidr.parse(literal).network();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "mailflow.egress.source-address: '" + literal + "' is not an IP address", e);
        }
    }
}
