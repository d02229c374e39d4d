package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.HostLiteral;
import dev.mailflow.dns.RecordLookup;
import dev.mailflow.testing.dns.TestDnsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPF (RFC 7208) evaluated against records served by a real DNS server. */
class SpfEvaluatorTest {

    private static TestDnsServer dns;
    private static SpfEvaluator spf;

    @BeforeAll
    static void start() {
        dns = TestDnsServer.builder()
                .zone("sender.test", """
                        @         TXT "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8:25::/48 include:_spf.provider.test a:relay.sender.test mx/30 ~all"
                        relay     A   198.51.100.7
                        @         MX  10 mx
                        mx        A   203.0.113.9
                        strict    TXT "v=spf1 ip4:192.0.2.10 -all"
                        soft      TXT "v=spf1 ~all"
                        open      TXT "v=spf1 ip4:192.0.2.10"
                        moved     TXT "v=spf1 redirect=_spf.provider.test"
                        badmove   TXT "v=spf1 redirect=nothing.provider.test"
                        none      TXT "just a text record"
                        two       TXT "v=spf1 -all"
                        two       TXT "v=spf1 +all"
                        typo      TXT "v=spf1 ipv4:192.0.2.1 -all"
                        missing   TXT "v=spf1 include:nothing.provider.test -all"
                        many      TXT "v=spf1 include:l1.provider.test include:l2.provider.test include:l3.provider.test -all"
                        macro     TXT "v=spf1 exists:%{ir}.allow.provider.test -all"
                        huge      TXT "v=spf1 exists:%{i99999999999999999999r}.allow.provider.test -all"
                        zero      TXT "v=spf1 exists:%{i00r}.allow.provider.test -all"
                        """)
                .zone("provider.test", """
                        _spf      TXT "v=spf1 ip4:198.18.0.0/15 -all"
                        nothing   A   198.51.100.99
                        l1        TXT "v=spf1 a:h1.provider.test a:h2.provider.test a:h3.provider.test a:h4.provider.test ?all"
                        l2        TXT "v=spf1 a:h5.provider.test a:h6.provider.test a:h7.provider.test ?all"
                        l3        TXT "v=spf1 a:h8.provider.test a:h9.provider.test ?all"
                        h1        A 192.0.2.201
                        h2        A 192.0.2.202
                        h3        A 192.0.2.203
                        h4        A 192.0.2.204
                        h5        A 192.0.2.205
                        h6        A 192.0.2.206
                        h7        A 192.0.2.207
                        h8        A 192.0.2.208
                        h9        A 192.0.2.209
                        10.2.0.192.allow A 127.0.0.2
                        """)
                .start();
        spf = new SpfEvaluator(new Lookups(new RecordLookup(dns.resolver(Duration.ofSeconds(2)))));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @ParameterizedTest(name = "{0} from {1}: {2} by {3}")
    @CsvSource({
        "sender.test,        192.0.2.55,     PASS,      ip4:192.0.2.0/24",
        "sender.test,        2001:db8:25::1, PASS,      ip6:2001:db8:25::/48",
        "sender.test,        198.19.4.4,     PASS,      include:_spf.provider.test",
        "sender.test,        198.51.100.7,   PASS,      a:relay.sender.test",
        "sender.test,        203.0.113.11,   PASS,      mx/30",
        "sender.test,        203.0.113.77,   SOFTFAIL,  ~all",
        "strict.sender.test, 192.0.2.10,     PASS,      ip4:192.0.2.10",
        "strict.sender.test, 192.0.2.11,     FAIL,      -all",
        "soft.sender.test,   192.0.2.11,     SOFTFAIL,  ~all",
        "moved.sender.test,  198.18.1.1,     PASS,      ip4:198.18.0.0/15",
        "moved.sender.test,  192.0.2.1,      FAIL,      -all",
        "macro.sender.test,  192.0.2.10,     PASS,      exists:%{ir}.allow.provider.test",
        "macro.sender.test,  192.0.2.11,     FAIL,      -all",
        // RFC 7208 §7.1: more labels than there are keeps them all, however large the number.
        "huge.sender.test,   192.0.2.10,     PASS,      exists:%{i99999999999999999999r}.allow.provider.test",
    })
    void theDecidingTermIsNamed(String domain, String ip, SpfResult result, String mechanism) {
        var verdict = spf.evaluate(HostLiteral.parse(ip).orElseThrow(), domain, "helpdesk@" + domain);

        assertThat(verdict.result()).as(verdict.toString()).isEqualTo(result);
        assertThat(verdict.mechanism()).isEqualTo(mechanism);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "open.sender.test,    NEUTRAL,   no term matched",
        "none.sender.test,    NONE,      no SPF record",
        "nowhere.sender.test, NONE,      no SPF record",
        "two.sender.test,     PERMERROR, 2 SPF records",
        "typo.sender.test,    PERMERROR, unknown term 'ipv4:192.0.2.1'",
        "missing.sender.test, PERMERROR, include:nothing.provider.test",
        "badmove.sender.test, PERMERROR, leads to no SPF record",
        "many.sender.test,    PERMERROR, more than 10 DNS lookups",
        "zero.sender.test,    PERMERROR, a macro keeps zero labels",
    })
    void errorsAndDefaultsSayWhy(String domain, SpfResult result, String detail) {
        var verdict = spf.evaluate(HostLiteral.parse("192.0.2.99").orElseThrow(), domain, null);

        assertThat(verdict.result()).as(verdict.toString()).isEqualTo(result);
        assertThat(verdict.detail()).contains(detail);
        assertThat(verdict.mechanism()).isNull();
    }

    @Test
    void aLookupThatTimesOutIsATemporaryError() {
        dns.drop("slow.sender.test");
        var verdict = spf.evaluate(HostLiteral.parse("192.0.2.99").orElseThrow(), "slow.sender.test", null);

        assertThat(verdict.result()).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void theLookupLimitCountsEveryQueryingTerm() {
        var verdict = spf.evaluate(HostLiteral.parse("192.0.2.99").orElseThrow(), "many.sender.test", null);

        // include:l1 + a:h1..h4 + include:l2 + a:h5..h7 + include:l3 = 10, then a:h8.provider.test is the 11th.
        assertThat(verdict.lookups()).isEqualTo(SpfEvaluator.MAX_LOOKUPS + 1);
        assertThat(verdict.detail()).contains("a:h8.provider.test");
    }
}
