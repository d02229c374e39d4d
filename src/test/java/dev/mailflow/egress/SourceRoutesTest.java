package dev.mailflow.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SourceRoutesTest {

    private final List<InetAddress> asked = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final InetAddress local = address("192.0.2.10");
    private final SourceRoutes routes = new SourceRoutes(
            destination -> {
                asked.add(destination);
                return Optional.of(local);
            },
            now::get);

    @Test
    void asksTheRoutingTableOncePerDestinationWhileTheAnswerIsKept() {
        var mx = address("198.51.100.25");
        var other = address("203.0.113.25");

        assertThat(routes.toward(mx)).contains(local);
        now.addAndGet(SourceRoutes.KEEP.toNanos() - 1);
        assertThat(routes.toward(mx)).contains(local);
        assertThat(routes.toward(other)).contains(local);
        assertThat(asked).containsExactly(mx, other);

        now.addAndGet(1);
        assertThat(routes.toward(mx)).contains(local);
        assertThat(asked).containsExactly(mx, other, mx);
    }

    @Test
    void theRoutingTableAnswersForLoopback() {
        var loopback = InetAddress.getLoopbackAddress();
        assertThat(new SourceRoutes().toward(loopback)).contains(loopback);
    }

    /** An address literal: no lookup. */
    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
