package dev.mailflow.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.dns.TestDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExplicitHostTest {

    private static TestDnsServer dns;
    private static MxResolver resolver;

    @BeforeAll
    static void start() {
        dns = TestDnsServer.builder().zone("hosts.test", """
                        mx    A    192.0.2.110
                        mx    AAAA 2001:db8::110
                        bare  TXT  "no address"
                        """).start();
        dns.drop("silent.hosts.test");
        resolver = new MxResolver(dns.resolver(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.55, 192.0.2.55",
        "' 8.8.8.8 ', 8.8.8.8",
        "0.0.0.0, 0.0.0.0",
        "2001:db8::1, 2001:db8:0:0:0:0:0:1",
        "[2001:db8::1], 2001:db8:0:0:0:0:0:1",
        "::1, 0:0:0:0:0:0:0:1",
        "::ffff:127.0.0.1, 127.0.0.1",
    })
    void anIpLiteralIsUsedAsIsWithoutAnyQuery(String host, String address) {
        int before = dns.queries().size();

        MxPlan plan = resolver.explicit(host);

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.EXPLICIT);
        assertThat(plan.hosts()).singleElement().satisfies(h -> {
            assertThat(h.preference()).isZero();
            assertThat(h.addresses()).extracting(InetAddress::getHostAddress).containsExactly(address);
        });
        assertThat(dns.queries()).hasSize(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"2130706433", "0177.0.0.1", "0x7f000001", "0x7f.1", "127.1", "127.0.1", "1.2.3.04", "mx.0x10"})
    void numericFormsOtherThanTheCanonicalOnesAreRefused(String host) {
        MxPlan plan = resolver.explicit(host);

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.ERROR);
        assertThat(plan.detail())
                .isEqualTo("not a valid host name or IP address: decimal/octal/hex forms are not accepted");
        assertThat(plan.hosts()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fe80::1%eth0", "256.1.1.1", "mx host.test", "[mx.hosts.test]", "1:2:3"})
    void otherGarbageIsAnError(String host) {
        assertThat(resolver.explicit(host).outcome()).isEqualTo(DnsOutcome.ERROR);
    }

    @Test
    void aHostNameIsResolvedThroughTheSameResolver() {
        MxPlan plan = resolver.explicit("MX.hosts.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.EXPLICIT);
        assertThat(plan.hosts()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("mx.hosts.test");
            assertThat(h.preference()).isZero();
            assertThat(h.addresses())
                    .extracting(InetAddress::getHostAddress)
                    .containsExactly("192.0.2.110", "2001:db8:0:0:0:0:0:110");
        });
        assertThat(dns.queries()).anySatisfy(q -> assertThat(q.name()).isEqualTo("mx.hosts.test"));
    }

    @Test
    void aHostThatDoesNotResolveSaysWhy() {
        assertThat(resolver.explicit("nope.hosts.test").outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
        assertThat(resolver.explicit("bare.hosts.test").outcome()).isEqualTo(DnsOutcome.NO_MAIL_HOSTS);
        assertThat(resolver.explicit("bare.hosts.test").hosts().getFirst().flaws())
                .containsExactly(MxFlaw.DANGLING);
        MxPlan silent = resolver.explicit("silent.hosts.test");
        assertThat(silent.outcome()).isEqualTo(DnsOutcome.TIMEOUT);
        assertThat(silent.hosts().getFirst().flaws()).contains(MxFlaw.LOOKUP_FAILED);
    }
}
