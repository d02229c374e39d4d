package dev.mailflow.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DnsPropertiesTest {

    private static DnsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("mailflow.dns", DnsProperties.class);
    }

    @Test
    void defaultsToTheSystemResolversAndFiveSeconds() {
        DnsProperties properties = bind(Map.of());

        assertThat(properties.servers()).isEmpty();
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void bindsServersAndTimeoutFromRelaxedNames() {
        DnsProperties properties = bind(Map.of(
                "mailflow.dns.servers",
                "192.0.2.53,[2001:db8::53]:5353,ns.example.test:53",
                "mailflow.dns.timeout",
                "2s"));

        assertThat(properties.servers()).containsExactly("192.0.2.53", "[2001:db8::53]:5353", "ns.example.test:53");
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "192.0.2.53:0", "192.0.2.53:70000", "[zz::1]", "ns example", "ns.test:dns", "http://ns.test"
            })
    void aBadServerFailsAtStartup(String server) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DnsProperties(List.of(server), null))
                .withMessageContaining("mailflow.dns.servers");
    }

    @Test
    void aBadTimeoutFailsAtStartup() {
        assertThatThrownBy(() -> bind(Map.of("mailflow.dns.timeout", "-1s")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
}
