package dev.mailflow.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.dns.DnsOutcome;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.dns.MxResolver;
import dev.mailflow.testing.dns.TestDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** connect() is the one door to the network: refused addresses never reach a peer. */
class GuardedConnectTest {

    private ServerSocket peer;

    @BeforeEach
    void listen() throws IOException {
        peer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(300);
    }

    @AfterEach
    void close() throws IOException {
        peer.close();
    }

    private InetSocketAddress peerAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort());
    }

    private TargetPolicy loopbackAllowed() {
        return new TargetPolicy(new TargetProperties(List.of("127.0.0.0/8"), null, List.of(peer.getLocalPort())));
    }

    @Test
    void theDefaultPolicyRefusesLoopbackAndNeverConnects() {
        TargetPolicy defaults = new TargetPolicy(TargetProperties.defaults());

        assertThatThrownBy(() -> defaults.connect(peerAddress(), Duration.ofSeconds(2)))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessage("127.0.0.1 is a loopback address, which is not allowed by policy");
        assertThatThrownBy(peer::accept).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aPortOutsideTheListIsRefusedBeforeConnecting() {
        TargetPolicy loopbackOn25 = new TargetPolicy(new TargetProperties(List.of("127.0.0.0/8"), null, null));

        assertThatThrownBy(() -> loopbackOn25.connect(peerAddress(), Duration.ofSeconds(2)))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessageStartingWith("port " + peer.getLocalPort() + " is not allowed");
        assertThatThrownBy(peer::accept).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void anUnresolvedAddressIsRefusedInsteadOfLookedUp() {
        InetSocketAddress byName = InetSocketAddress.createUnresolved("localhost", peer.getLocalPort());

        assertThatThrownBy(() -> loopbackAllowed().connect(byName, Duration.ofSeconds(2)))
                .isInstanceOf(PolicyRefusedException.class)
                .hasMessageStartingWith("localhost is a name");
        assertThatThrownBy(peer::accept).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void anAllowedAddressIsConnectedToExactly() throws IOException {
        try (Socket socket = loopbackAllowed().connect(peerAddress(), Duration.ofSeconds(2));
                Socket accepted = peer.accept()) {
            assertThat(socket.getRemoteSocketAddress()).isEqualTo(peerAddress());
            assertThat(accepted.getPort()).isEqualTo(socket.getLocalPort());
        }
    }

    @Test
    void theUnspecifiedAddressParsesAsAHostButIsRefused() throws IOException {
        try (TestDnsServer dns = TestDnsServer.builder().start()) {
            MxPlan plan = new MxResolver(dns.resolver(Duration.ofSeconds(1))).explicit("0.0.0.0");

            assertThat(plan.outcome()).isEqualTo(DnsOutcome.EXPLICIT);
            InetAddress address = plan.hosts().getFirst().addresses().getFirst();
            assertThat(loopbackAllowed().check(address, 25).reason())
                    .isEqualTo("0.0.0.0 is a 'this network' address, which is not allowed by policy");
        }
    }

    @Test
    void aRebindingNameCannotSwapTheCheckedAddress() throws IOException {
        try (TestDnsServer dns = TestDnsServer.builder()
                .zone("rebind.test", "@ MX 10 mx\nmx A 192.0.2.1\n")
                .start()
                .rebind("mx.rebind.test", "8.8.8.8", "127.0.0.1")) {
            MxResolver resolver = new MxResolver(dns.resolver(Duration.ofSeconds(2)));
            TargetPolicy defaults = new TargetPolicy(TargetProperties.defaults());

            MxPlan first = resolver.plan("rebind.test");
            InetAddress checked = first.hosts().getFirst().addresses().getFirst();
            assertThat(defaults.check(checked, 25).allowed()).isTrue();

            // The attacker's name now points at loopback, but the plan holds the address object that
            // was checked, and connect() takes that object: there is no second lookup to win.
            MxPlan second = resolver.plan("rebind.test");
            InetAddress rebound = second.hosts().getFirst().addresses().getFirst();
            assertThat(rebound.getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(checked.getHostAddress()).isEqualTo("8.8.8.8");
            assertThat(new InetSocketAddress(checked, 25).getAddress()).isSameAs(checked);
            assertThat(defaults.check(rebound, 25).allowed()).isFalse();
            assertThatThrownBy(() -> defaults.connect(
                            new InetSocketAddress(rebound, peer.getLocalPort()), Duration.ofSeconds(2)))
                    .isInstanceOf(PolicyRefusedException.class);
            assertThat(dns.queries())
                    .filteredOn(
                            q -> q.name().equals("mx.rebind.test") && q.type().equals("A"))
                    .hasSize(2);
        }
    }

    @Test
    void connectingToAPlannedAddressMakesNoFurtherLookup() throws IOException {
        try (TestDnsServer dns = TestDnsServer.builder()
                .zone("rebind.test", "@ MX 10 mx\nmx A 192.0.2.1\n")
                .start()
                .rebind("mx.rebind.test", "127.0.0.1", "10.0.0.1")) {
            MxPlan plan = new MxResolver(dns.resolver(Duration.ofSeconds(2))).plan("rebind.test");
            InetAddress checked = plan.hosts().getFirst().addresses().getFirst();
            int queries = dns.queries().size();

            try (Socket socket = loopbackAllowed()
                            .connect(new InetSocketAddress(checked, peer.getLocalPort()), Duration.ofSeconds(2));
                    Socket accepted = peer.accept()) {
                assertThat(socket.getInetAddress()).isEqualTo(checked);
            }
            assertThat(dns.queries()).hasSize(queries);
        }
    }
}
