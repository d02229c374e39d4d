package dev.mailflow.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {

    private final TargetPolicy defaults = new TargetPolicy(TargetProperties.defaults());

    /** Literals only: getByName parses them without any lookup. */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.1",
                "169.254.169.254",
                "::1",
                "::ffff:127.0.0.1",
                "::127.0.0.1",
                "fc00::1",
                "64:ff9b::10.0.0.1",
                "2002:7f00:1::1",
                "fd00:ec2::254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "172.16.5.4",
                "192.168.1.1",
                "192.0.2.1",
                "198.51.100.7",
                "203.0.113.9",
                "198.18.0.1",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "fe80::1",
                "ff02::1",
                "2001:db8::25",
                "100::1",
                "192.0.0.8",
                "192.88.99.1",
                "100.100.100.200",
                "168.63.129.16",
                "169.254.170.2",
                "::2",
                // SIIT, IPv4-translated (RFC 6145): ::ffff:0:127.0.0.1
                "::ffff:0:7f00:1",
                // NAT64 local-use (RFC 8215), /96 layout and the /48, /56 and /64 layouts of RFC 6052
                "64:ff9b:1::a00:1",
                "64:ff9b:1:7f00:0:100::",
                "64:ff9b:1:7f:0:1::",
                "64:ff9b:1:0:7f:0:100::",
                // Teredo (RFC 4380): client 127.0.0.1 inverted in the last 32 bits, and a private server
                "2001:0:808:808:0:0:80ff:fffe",
                "2001:0:a00:1::f7f7:f7f7"
            })
    void theDefaultPolicyRefusesSpecialAddresses(String address) {
        TargetDecision decision = defaults.check(ip(address), 25);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "2001:4860:4860::8888",
                "64:ff9b::808:808",
                "2002:808:808::1",
                "1.1.1.1",
                "::ffff:0:808:808",
                "64:ff9b:1::808:808",
                "2001:0:808:808::f7f7:f7f7"
            })
    void theDefaultPolicyAllowsPublicAddresses(String address) {
        assertThat(defaults.check(ip(address), 25)).isEqualTo(TargetDecision.allow());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1|127.0.0.1 is a loopback address, which is not allowed by policy",
                "10.1.2.3|10.1.2.3 is a private address, which is not allowed by policy",
                "169.254.169.254|169.254.169.254 is a cloud metadata address, which is never allowed",
                "64:ff9b::10.0.0.1|64:ff9b::a00:1 carries 10.0.0.1, a private address, which is not allowed by policy",
                "64:ff9b:1::10.0.0.1|64:ff9b:1::a00:1 carries 10.0.0.1, a private address, which is not allowed by policy",
                "64:ff9b:1:7f00:0:100::|64:ff9b:1:7f00:0:100:: carries 127.0.0.1, a loopback address, which is not allowed by policy",
                "::ffff:0:10.0.0.1|::ffff:0:a00:1 carries 10.0.0.1, a private address, which is not allowed by policy",
                "2001:0:808:808::80ff:fffe|2001:0:808:808::80ff:fffe carries 127.0.0.1, a loopback address, which is not allowed by policy",
            })
    void reasonsArePlainSentences(String address, String reason) {
        assertThat(defaults.check(ip(address), 25).reason()).isEqualTo(reason);
    }

    @Test
    void anIpv4MappedAddressKeptAsIpv6IsJudgedByItsIpv4Address() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(defaults.check(address, 25).reason()).contains("carries 127.0.0.1", "loopback");
    }

    @Test
    void allowLetsLoopbackThroughButNeverMetadata() {
        TargetPolicy policy =
                new TargetPolicy(new TargetProperties(List.of("127.0.0.0/8", "169.254.0.0/16", "::1"), null, null));

        assertThat(policy.check(ip("127.0.0.1"), 25).allowed()).isTrue();
        assertThat(policy.check(ip("::ffff:127.0.0.2"), 25).allowed()).isTrue();
        assertThat(policy.check(ip("::1"), 25).allowed()).isTrue();
        assertThat(policy.check(ip("169.254.1.1"), 25).allowed()).isTrue();
        assertThat(policy.check(ip("169.254.169.254"), 25).allowed()).isFalse();
        assertThat(policy.check(ip("10.0.0.1"), 25).allowed()).isFalse();
    }

    @Test
    void denyWinsOverAllowAndAddsToTheDefaults() {
        TargetPolicy policy = new TargetPolicy(
                new TargetProperties(List.of("127.0.0.0/8"), List.of("127.0.0.2", "8.8.8.0/24"), null));

        assertThat(policy.check(ip("127.0.0.1"), 25).allowed()).isTrue();
        assertThat(policy.check(ip("127.0.0.2"), 25).reason())
                .isEqualTo("127.0.0.2 is in 127.0.0.2/32, which is denied by configuration (mailflow.targets.deny)");
        assertThat(policy.check(ip("8.8.8.8"), 25).allowed()).isFalse();
        assertThat(policy.check(ip("8.8.4.4"), 25).allowed()).isTrue();
    }

    @Test
    void onlyConfiguredPortsAreAllowed() {
        assertThat(defaults.check(ip("8.8.8.8"), 465).allowed()).isTrue();
        assertThat(defaults.check(ip("8.8.8.8"), 587).allowed()).isTrue();
        assertThat(defaults.check(ip("8.8.8.8"), 2525).reason())
                .isEqualTo("port 2525 is not allowed; allowed: 25, 465, 587");

        TargetPolicy no25 = new TargetPolicy(new TargetProperties(null, null, List.of(587)));
        assertThat(no25.check(ip("8.8.8.8"), 25).reason()).isEqualTo("port 25 is not allowed; allowed: 587");
    }
}
