package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.HostLiteral;
import dev.mailflow.dns.RecordLookup;
import dev.mailflow.testing.dns.TestDnsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our sending address as the sessions used it: PTR, forward confirmation, the EHLO name. */
class EgressCheckTest {

    @Test
    void theEhloNameMustResolveToTheAddressWeSendFrom() {
        try (var dns = TestDnsServer.builder()
                .zone("33.22.11.in-addr.arpa", """
                        44  PTR out.sender.test.
                        """)
                .zone("sender.test", """
                        out    A 11.22.33.44
                        probe  A 11.22.33.45
                        """)
                .start()) {
            var check = new EgressCheck(new Lookups(new RecordLookup(dns.resolver(Duration.ofSeconds(2)))));

            var result = check.check(
                            List.of(HostLiteral.parse("11.22.33.44").orElseThrow()), false, "probe.sender.test")
                    .getFirst();

            assertThat(result.facts())
                    .isEqualTo(new PostureFacts.Egress("11.22.33.44", "out.sender.test", true, false, false));
            assertThat(result.status()).isEqualTo(PostureStatus.WARN);
            assertThat(result.notes()).extracting(PostureNote::finding).containsExactly("posture.egress-ehlo-mismatch");
            assertThat(result.evidence())
                    .contains(
                            "11.22.33.44 has PTR out.sender.test",
                            "out.sender.test resolves back to 11.22.33.44",
                            "EHLO probe.sender.test does not resolve to 11.22.33.44");

            var matching = check.check(
                            List.of(HostLiteral.parse("11.22.33.44").orElseThrow()), false, "out.sender.test")
                    .getFirst();
            assertThat(matching.status()).isEqualTo(PostureStatus.PASS);
            assertThat(matching.notes()).isEmpty();
        }
    }

    @Test
    void anIpv6AddressIsShownInItsShortForm() throws Exception {
        var unused = new org.xbill.DNS.SimpleResolver("127.0.0.1");
        var check = new EgressCheck(new Lookups(new RecordLookup(unused)));

        var result = check.check(
                        List.of(HostLiteral.parse("fd00:0:0:0:0:0:0:25").orElseThrow()), false, "probe.test")
                .getFirst();

        assertThat(result.subject()).isEqualTo("fd00::25");
        assertThat(result.summary()).isEqualTo("fd00::25 is a private address: the world sees another one");
        assertThat(result.notes().getFirst().vars()).containsEntry("address", "fd00::25");
    }
}
