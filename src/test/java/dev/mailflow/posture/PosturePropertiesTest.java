package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.mailflow.dns.HostPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code mailflow.posture.*} is checked when the application starts. */
class PosturePropertiesTest {

    private static PostureProperties with(List<String> zones, List<String> ours, List<String> references) {
        return new PostureProperties(
                true, zones, ours, references, Duration.ofSeconds(20), Duration.ofSeconds(10), 65536, "", null);
    }

    @Test
    void goodValuesAreKept() {
        var properties = with(
                List.of("zen.spamhaus.org"),
                List.of("192.0.2.7", "2001:db8::25"),
                List.of("mx.example.net", "[2001:db8::1]:2525", "192.0.2.9:25"));

        assertThat(properties.ourAddressList()).hasSize(2);
        assertThat(properties.references())
                .containsExactly(
                        new HostPort("mx.example.net", 25),
                        new HostPort("2001:db8::1", 2525),
                        new HostPort("192.0.2.9", 25));
    }

    @Test
    void boundFromSettingsWithDefaultsAndAnEmptyListForOff() {
        var defaults = bind(Map.of());
        assertThat(defaults.dnsblZones()).contains("zen.spamhaus.org");
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.referenceTargets()).isEmpty();

        var off = bind(
                Map.of("mailflow.posture.dnsbl-zones", "", "mailflow.posture.our-addresses", "192.0.2.7,2001:db8::7"));
        assertThat(off.dnsblZones()).isEmpty();
        assertThat(off.ourAddresses()).containsExactly("192.0.2.7", "2001:db8::7");
    }

    private static PostureProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("mailflow.posture", PostureProperties.class);
    }

    @Test
    void emptyListsTurnChecksOff() {
        var properties = with(null, null, null);

        assertThat(properties.dnsblZones()).isEmpty();
        assertThat(properties.ourAddresses()).isEmpty();
        assertThat(properties.referenceTargets()).isEmpty();
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with(List.of("not a zone"), null, null))
                .withMessageContaining("mailflow.posture.dnsbl-zones");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with(null, List.of("0x7f.1"), null))
                .withMessageContaining("mailflow.posture.our-addresses");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with(null, null, List.of("mx.example.net:70000")))
                .withMessageContaining("mailflow.posture.reference-targets");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PostureProperties(
                        true, null, null, null, Duration.ZERO, Duration.ofSeconds(1), 65536, "", null))
                .withMessageContaining("mailflow.posture.timeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PostureProperties(
                        true, null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(1), 10, "", null))
                .withMessageContaining("mailflow.posture.policy-max-bytes");
    }
}
