package dev.mailflow.egress;

import static dev.mailflow.egress.TargetPolicyTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class CidrTest {

    @Test
    void containsComparesOnlyThePrefix() {
        Cidr block = Cidr.parse("172.16.0.0/12");

        assertThat(block.contains(ip("172.31.255.255"))).isTrue();
        assertThat(block.contains(ip("172.32.0.0"))).isFalse();
        assertThat(block.contains(ip("::ffff:172.16.0.1"))).isTrue();
        assertThat(Cidr.parse("fc00::/7").contains(ip("fdff::1"))).isTrue();
        assertThat(Cidr.parse("fc00::/7").contains(ip("fe00::1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::8"))).isFalse();
        assertThat(Cidr.parse("8.8.8.8").toString()).isEqualTo("8.8.8.8/32");
    }

    @Test
    void ipv6BlocksAreShownInTheShortForm() {
        assertThat(Cidr.parse("fc00:0:0:0:0:0:0:0/7").toString()).isEqualTo("fc00::/7");
        assertThat(Cidr.parse("0:0:0:0:0:0:0:1").toString()).isEqualTo("::1/128");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Cidr(ip("0:0:0:0:0:0:0:1"), 129))
                .withMessage("prefix /129 does not fit ::1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "10/8",
                "10.0.0.1/8",
                "10.0.0.0/33",
                "10.0.0.0/-1",
                "010.0.0.0/8",
                "fc00::/129",
                "fc00::1/7",
                "::ffff:10.0.0.0/104",
                "example.com/24",
                "10.0.0.0/x",
                "10.0.0.0/+8",
                "10.0.0.0/"
            })
    void badBlocksAreRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text));
    }

    @Test
    void propertiesFailAtStartupOnABadBlockOrPort() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TargetProperties(List.of("10.0.0.1/8"), null, null))
                .withMessageStartingWith("mailflow.targets.allow: ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TargetProperties(null, List.of("nope"), null))
                .withMessageStartingWith("mailflow.targets.deny: ");
        assertThatIllegalArgumentException().isThrownBy(() -> new TargetProperties(null, null, List.of(0)));
    }

    @Test
    void propertiesBindWithDefaultPorts() {
        TargetProperties bound = new Binder(
                        new MapConfigurationPropertySource(Map.of("mailflow.targets.allow", "127.0.0.0/8")))
                .bindOrCreate("mailflow.targets", TargetProperties.class);

        assertThat(bound.allow()).containsExactly("127.0.0.0/8");
        assertThat(bound.deny()).isEmpty();
        assertThat(bound.ports()).containsExactly(25, 465, 587);
    }
}
