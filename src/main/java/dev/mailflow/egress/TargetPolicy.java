package dev.mailflow.egress;

import dev.mailflow.text.AddressText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SSRF guard: which addresses and ports mailflow may contact, and the only place main code
 * opens a socket. An address is judged as it is and, when it is an IPv6 address that carries an
 * IPv4 address inside (mapped, compatible, SIIT, NAT64 well-known and local-use, 6to4, Teredo), as
 * that IPv4 address too, because the network delivers such packets to the IPv4 host.
 */
public final class TargetPolicy {

    private final List<Cidr> allow;
    private final List<Cidr> deny;
    private final List<Integer> ports;
    private final Optional<InetAddress> source;
    private final SourceRoutes routes = new SourceRoutes();

    public TargetPolicy(TargetProperties properties) {
        this(properties, EgressProperties.none());
    }

    /** With {@code egress}'s source address bound to every connection of the same address family. */
    public TargetPolicy(TargetProperties properties, EgressProperties egress) {
        this.allow = properties.allowBlocks();
        this.deny = properties.denyBlocks();
        this.ports = properties.ports();
        this.source = egress.source();
    }

    /** Judges one address and port; never looks anything up. */
    public TargetDecision check(InetAddress address, int port) {
        TargetDecision byAddress = checkAddress(address);
        if (byAddress.refused()) {
            return byAddress;
        }
        if (!ports.contains(port)) {
            return TargetDecision.refuse("port " + port + " is not allowed; allowed: "
                    + ports.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        return TargetDecision.allow();
    }

    /**
     * Judges an address alone, for a port mailflow picks itself rather than the user (HTTPS 443 for
     * an MTA-STS policy, RFC 8461 §3.3); never looks anything up.
     */
    public TargetDecision checkAddress(InetAddress address) {
        List<InetAddress> judged = new ArrayList<>();
        judged.add(address);
        judged.addAll(EmbeddedIpv4.in(address));
        for (InetAddress candidate : judged) {
            Optional<String> refusal = refusal(candidate);
            if (refusal.isPresent()) {
                String subject = candidate == address
                        ? AddressText.of(address) + " is "
                        : AddressText.of(address) + " carries " + AddressText.of(candidate) + ", ";
                return TargetDecision.refuse(subject + refusal.get());
            }
        }
        return TargetDecision.allow();
    }

    /**
     * Checks the address again and connects to exactly it: no name is resolved here, so what was
     * checked is what is contacted (a DNS rebinding answer cannot slip in between).
     *
     * @throws PolicyRefusedException when the policy refuses the address or port
     */
    public Socket connect(InetSocketAddress address, Duration timeout) throws IOException {
        if (address.isUnresolved()) {
            throw new PolicyRefusedException(TargetDecision.refuse(address.getHostString()
                    + " is a name, not a checked address; resolve it through the MX plan first"));
        }
        TargetDecision decision = check(address.getAddress(), address.getPort());
        if (decision.refused()) {
            throw new PolicyRefusedException(decision);
        }
        return open(address, timeout);
    }

    private Socket open(InetSocketAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            var from = sourceFor(address.getAddress());
            if (from.isPresent()) {
                socket.bind(new InetSocketAddress(from.get(), 0));
            }
            // SMTP is lock-step: Nagle's algorithm would hold a command back until the server's
            // delayed ACK of the previous segment (~40 ms), e.g. EHLO right after the TLS handshake.
            socket.setTcpNoDelay(true);
            // 0 would mean "wait forever" to Socket.connect.
            socket.connect(address, (int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Whether an address lies in a range the Internet does not route to it (private, loopback,
     * link-local, CGNAT, documentation...): the refused-by-default ranges, whatever is configured.
     */
    public static boolean reservedRange(InetAddress address) {
        return RefusedRanges.metadata(address) || RefusedRanges.find(address).isPresent();
    }

    /**
     * Like {@link #connect}, for a service port mailflow picks itself (not one of {@code
     * mailflow.targets.ports}): the address is checked, the port is not.
     */
    public Socket connectService(InetSocketAddress address, Duration timeout) throws IOException {
        if (address.isUnresolved()) {
            throw new PolicyRefusedException(
                    TargetDecision.refuse(address.getHostString() + " is a name, not a checked address"));
        }
        TargetDecision decision = checkAddress(address.getAddress());
        if (decision.refused()) {
            throw new PolicyRefusedException(decision);
        }
        return open(address, timeout);
    }

    /**
     * The local address this host would send from to reach {@code destination}: the configured
     * source address, else what the routing table says (see {@link SourceRoutes}). Behind NAT it is
     * the private address, not the one the world sees.
     */
    public Optional<InetAddress> sourceAddressToward(InetAddress destination) {
        var configured = sourceFor(destination);
        return configured.isPresent() ? configured : routes.toward(destination);
    }

    /** The configured source address, when it is of the destination's family (IPv4 or IPv6). */
    private Optional<InetAddress> sourceFor(InetAddress destination) {
        return source.filter(s -> s.getClass() == destination.getClass());
    }

    /** The configured source address ({@code mailflow.egress.source-address}), if any. */
    public Optional<InetAddress> sourceAddress() {
        return source;
    }

    private Optional<String> refusal(InetAddress address) {
        if (RefusedRanges.metadata(address)) {
            return Optional.of("a cloud metadata address, which is never allowed");
        }
        Optional<Cidr> denied = deny.stream().filter(c -> c.contains(address)).findFirst();
        if (denied.isPresent()) {
            return Optional.of("in " + denied.get() + ", which is denied by configuration (mailflow.targets.deny)");
        }
        if (allow.stream().anyMatch(c -> c.contains(address))) {
            return Optional.empty();
        }
        return RefusedRanges.find(address).map(range -> range.kind() + ", which is not allowed by policy");
    }
}
