package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mailflow.posture.*} is checked when the application starts. */
class PosturePropertiesTest {

    private static PostureProperties with(List<String> zones, List<String> ours, List<String> references) {
        return new PostureProperties(
                true, zones, ours, references, Duration.ofSeconds(20), Duration.ofSeconds(10), 65536, "");
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
                        new PostureProperties.Reference("mx.example.net", 25),
                        new PostureProperties.Reference("2001:db8::1", 2525),
                        new PostureProperties.Reference("192.0.2.9", 25));
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
                .isThrownBy(() ->
                        new PostureProperties(true, null, null, null, Duration.ZERO, Duration.ofSeconds(1), 65536, ""))
                .withMessageContaining("mailflow.posture.timeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PostureProperties(
                        true, null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(1), 10, ""))
                .withMessageContaining("mailflow.posture.policy-max-bytes");
    }
}
