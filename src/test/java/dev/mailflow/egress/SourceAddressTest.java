package dev.mailflow.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mailflow.egress.source-address}: where mailflow's connections start from. */
class SourceAddressTest {

    static InetAddress loopback(int last) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void everyConnectionLeavesFromTheConfiguredAddress() throws Exception {
        try (var peer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var policy = new TargetPolicy(
                    new TargetProperties(List.of("127.0.0.0/8"), null, List.of(peer.getLocalPort())),
                    new EgressProperties("127.0.0.52"));

            try (var socket = policy.connect(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort()),
                            Duration.ofSeconds(5));
                    var accepted = peer.accept()) {
                assertThat(socket.getLocalAddress()).isEqualTo(loopback(52));
                assertThat(accepted.getInetAddress()).isEqualTo(loopback(52));
            }
            assertThat(policy.sourceAddressToward(InetAddress.getLoopbackAddress()))
                    .contains(loopback(52));
        }
    }

    @Test
    void withoutOneTheRoutingTablePicks() throws Exception {
        try (var peer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var policy =
                    new TargetPolicy(new TargetProperties(List.of("127.0.0.0/8"), null, List.of(peer.getLocalPort())));

            try (var socket = policy.connect(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort()),
                            Duration.ofSeconds(5));
                    var accepted = peer.accept()) {
                assertThat(accepted.getInetAddress()).isEqualTo(loopback(1));
            }
        }
    }

    @Test
    void aSourceAddressMustBeOneAddress() {
        assertThat(new EgressProperties(" ").source()).isEmpty();
        assertThat(new EgressProperties("2001:db8::7").source()).isPresent();
        assertThatThrownBy(() -> new EgressProperties("mail.example.com"))
                .hasMessageStartingWith("mailflow.egress.source-address: 'mail.example.com' is not an IP address");
        assertThatThrownBy(() -> new EgressProperties("192.0.2.0/24"))
                .hasMessage("mailflow.egress.source-address: '192.0.2.0/24' must be one address, not a block");
    }
}
