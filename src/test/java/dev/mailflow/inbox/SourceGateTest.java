package dev.mailflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SourceGateTest {

    static final InetAddress A = InetAddress.getLoopbackAddress();
    static final InetAddress B = address(new byte[] {(byte) 192, 0, 2, 1});

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T06:00:00Z"));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SourceGate gate;

    @AfterEach
    void stop() {
        gate.stop();
    }

    SourceGate gate(int atOnce, int perWindow) {
        var limits = new InboxProperties.Limits(null, null, 50, atOnce, perWindow, Duration.ofMinutes(10), 10, 8);
        gate = new SourceGate(limits, new InboxEvents(registry), clock);
        return gate;
    }

    @Test
    void oneSourceMayHoldOnlySoManyConnectionsAtOnce() {
        var gate = gate(2, 100);
        assertThat(gate.admitted(A)).isTrue();
        assertThat(gate.admitted(A)).isTrue();
        assertThat(gate.admitted(A)).isFalse();
        assertThat(gate.admitted(B)).isTrue();
        gate.left(A);
        assertThat(gate.admitted(A)).isTrue();
    }

    @Test
    void oneSourceMayOpenOnlySoManyConnectionsPerWindow() {
        var gate = gate(10, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(gate.admitted(A)).isTrue();
            gate.left(A);
        }
        assertThat(gate.admitted(A)).isFalse();
        assertThat(gate.admitted(B)).isTrue();
        clock.advance(Duration.ofMinutes(11));
        assertThat(gate.admitted(A)).isTrue();
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
