package dev.mailflow.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MxPlanTest {

    static MxHost host(int preference, String name) {
        return new MxHost(preference, name, List.of(InetAddress.getLoopbackAddress()), Duration.ofMillis(1), Set.of());
    }

    static MxPlan plan(MxHost... hosts) {
        return new MxPlan("example.test", DnsOutcome.OK, List.of(hosts), Duration.ofMillis(3), null);
    }

    @Test
    void tiesAreSharedPreferencesLowestFirstWithHostsInPlanOrder() {
        var plan = plan(
                host(5, "a.example.test"),
                host(10, "c.example.test"),
                host(10, "b.example.test"),
                host(20, "d.example.test"),
                host(20, "e.example.test"),
                host(20, "f.example.test"));

        assertThat(plan.ties())
                .containsExactly(
                        new MxPlan.Tie(10, List.of("c.example.test", "b.example.test")),
                        new MxPlan.Tie(20, List.of("d.example.test", "e.example.test", "f.example.test")));
    }

    @Test
    void distinctPreferencesAndAHostListedTwiceAreNoTie() {
        assertThat(plan(host(10, "a.example.test"), host(10, "a.example.test"), host(20, "b.example.test"))
                        .ties())
                .isEmpty();
    }
}
