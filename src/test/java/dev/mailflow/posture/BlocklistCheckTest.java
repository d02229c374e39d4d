package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.HostLiteral;
import dev.mailflow.dns.RecordLookup;
import dev.mailflow.posture.PostureFacts.Listing;
import dev.mailflow.posture.PostureFacts.ListingState;
import dev.mailflow.testing.dns.TestDnsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocklist answers (RFC 5782) from real zones: listings with reasons, refusals, oddities, IPv6. */
class BlocklistCheckTest {

    @Test
    void eachAnswerBecomesItsState() {
        try (var dns = TestDnsServer.builder().zone("bl.test", """
                        9.2.0.192    A   127.0.0.2
                        9.2.0.192    TXT "https://bl.test/query/192.0.2.9"
                        8.2.0.192    A   127.255.255.252
                        7.2.0.192    A   192.0.2.1
                        1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 A 127.0.0.3
                        """).start()) {
            dns.fail("6.2.0.192.bl.test", org.xbill.DNS.Rcode.SERVFAIL);
            var check = new BlocklistCheck(
                    new Lookups(new RecordLookup(dns.resolver(Duration.ofSeconds(2)))), List.of("bl.test"));

            var result = check.check(
                    "example.test",
                    List.of(
                            listed("mx.example.test", "192.0.2.9"),
                            listed("mx.example.test", "192.0.2.8"),
                            listed("mx.example.test", "192.0.2.7"),
                            listed("mx.example.test", "192.0.2.6"),
                            listed("mx.example.test", "192.0.2.5"),
                            listed(null, "2001:db8::1")));

            var listings = ((PostureFacts.Blocklists) result.facts()).listings();
            assertThat(listings)
                    .extracting(Listing::state)
                    .containsExactly(
                            ListingState.LISTED,
                            ListingState.REFUSED,
                            ListingState.UNKNOWN,
                            ListingState.UNKNOWN,
                            ListingState.NOT_LISTED,
                            ListingState.LISTED);
            assertThat(listings.getFirst().reason()).isEqualTo("https://bl.test/query/192.0.2.9");
            assertThat(listings.getLast().reason()).isEqualTo("answered 127.0.0.3");
            assertThat(result.status()).isEqualTo(PostureStatus.FAIL);
            assertThat(result.notes())
                    .extracting(PostureNote::finding)
                    .containsExactly("posture.dnsbl-mx-listed", "posture.dnsbl-ours-listed", "posture.dnsbl-refused");
        }
    }

    private static BlocklistCheck.Listed listed(String mx, String address) {
        return new BlocklistCheck.Listed(mx, HostLiteral.parse(address).orElseThrow());
    }
}
