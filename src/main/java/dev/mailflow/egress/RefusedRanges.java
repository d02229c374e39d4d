package dev.mailflow.egress;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks refused unless allowed (RFC 6890 special-purpose registries), each with the
 * words a refusal uses, and the cloud metadata addresses that are refused always.
 *
 * <p>Kept in code, not in a data file: a missing or edited resource must never open the guard.
 */
final class RefusedRanges {

    record Range(Cidr block, String kind) {}

    static final List<Range> DEFAULT = List.of(
            range("0.0.0.0/8", "a 'this network' address"),
            range("10.0.0.0/8", "a private address"),
            range("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            range("127.0.0.0/8", "a loopback address"),
            range("169.254.0.0/16", "a link-local address"),
            range("172.16.0.0/12", "a private address"),
            range("192.0.0.0/24", "an IETF protocol assignment address"),
            range("192.0.2.0/24", "a documentation address"),
            range("192.88.99.0/24", "a 6to4 relay anycast address"),
            range("192.168.0.0/16", "a private address"),
            range("198.18.0.0/15", "a benchmarking address"),
            range("198.51.100.0/24", "a documentation address"),
            range("203.0.113.0/24", "a documentation address"),
            range("224.0.0.0/4", "a multicast address"),
            range("240.0.0.0/4", "a reserved address"),
            range("255.255.255.255/32", "the broadcast address"),
            range("::/128", "the unspecified address"),
            range("::1/128", "a loopback address"),
            range("fc00::/7", "a unique local address"),
            range("fe80::/10", "a link-local address"),
            range("ff00::/8", "a multicast address"),
            range("2001:db8::/32", "a documentation address"),
            range("100::/64", "a discard-only address"));

    /**
     * Instance metadata services hand out credentials to whoever asks from inside the cloud: AWS,
     * GCP and Azure IMDS, AWS ECS task metadata, AWS IMDS over IPv6, Alibaba Cloud, Azure WireServer.
     */
    static final List<Cidr> METADATA =
            List.of("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "168.63.129.16").stream()
                    .map(Cidr::parse)
                    .toList();

    private RefusedRanges() {}

    static Optional<Range> find(InetAddress address) {
        return DEFAULT.stream().filter(r -> r.block().contains(address)).findFirst();
    }

    static boolean metadata(InetAddress address) {
        return METADATA.stream().anyMatch(c -> c.contains(address));
    }

    private static Range range(String block, String kind) {
        return new Range(Cidr.parse(block), kind);
    }
}
