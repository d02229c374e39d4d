package dev.mailflow.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.mailflow.testing.dns.TestDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Rcode;

class MxResolverTest {

    private static TestDnsServer dns;
    private static MxResolver resolver;

    @BeforeAll
    static void start() {
        dns = TestDnsServer.builder()
                .zone("order.test", """
                        @    MX 20 mx-c
                        @    MX 10 mx-a
                        @    MX 20 mx-d
                        @    MX 20 mx-b
                        mx-a AAAA 2001:db8::a
                        mx-a A    192.0.2.10
                        mx-a A    192.0.2.11
                        mx-b A    192.0.2.20
                        mx-c A    192.0.2.30
                        mx-d A    192.0.2.40
                        """)
                .zone("implicit.test", """
                        @    A    192.0.2.50
                        @    AAAA 2001:db8::50
                        """)
                .zone("nullmx.test", "@ MX 0 .\n")
                .zone("nothing.test", "@ TXT \"no mail here\"\n")
                .zone("dangling.test", """
                        @    MX 10 ghost
                        @    MX 20 empty
                        @    MX 30 mx
                        empty TXT "no address"
                        mx   A   192.0.2.60
                        """)
                .zone("alldangling.test", """
                        @    MX 10 ghost
                        @    MX 20 empty
                        empty TXT "no address"
                        """)
                .zone("cname.test", """
                        @     MX 10 alias
                        @     MX 20 broken
                        alias CNAME real
                        real  A 192.0.2.70
                        broken CNAME nowhere
                        """)
                .zone("literal.test", """
                        @     MX 10 192.0.2.80.
                        @     MX 20 mx
                        mx    A 192.0.2.81
                        """)
                .zone("80", "")
                .zone(
                        "big.test",
                        IntStream.range(0, 60)
                                .mapToObj(i -> "@ MX 10 mail-exchanger-with-a-long-name-" + i + "\n")
                                .reduce("mail-exchanger-with-a-long-name-0 A 192.0.2.90\n", String::concat))
                .zone("xn--bcher-kva.test", "@ MX 10 mx\nmx A 192.0.2.100\n")
                .start();
        dns.fail("servfail.test", Rcode.SERVFAIL)
                .fail("refused.test", Rcode.REFUSED)
                .drop("slow.test");
        resolver = new MxResolver(dns.resolver(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private static List<String> names(MxPlan plan) {
        return plan.hosts().stream().map(MxHost::name).toList();
    }

    @Test
    void hostsAreSortedByPreferenceAndTiesKeepAnswerOrder() {
        MxPlan plan = resolver.plan("order.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.OK);
        assertThat(plan.domain()).isEqualTo("order.test");
        assertThat(names(plan))
                .containsExactly("mx-a.order.test", "mx-c.order.test", "mx-d.order.test", "mx-b.order.test");
        assertThat(plan.hosts()).extracting(MxHost::preference).containsExactly(10, 20, 20, 20);
        assertThat(plan.hosts().getFirst().addresses())
                .extracting(InetAddress::getHostAddress)
                .containsExactly("192.0.2.10", "192.0.2.11", "2001:db8:0:0:0:0:0:a");
        assertThat(plan.hosts().getFirst().addresses().getFirst().getHostName()).isEqualTo("mx-a.order.test");
        assertThat(plan.hosts()).allSatisfy(h -> assertThat(h.flaws()).isEmpty());
        assertThat(plan.detail()).isNull();
    }

    @Test
    void aDomainWithoutMxButWithAddressesIsItsOwnImplicitMx() {
        MxPlan plan = resolver.plan("implicit.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.IMPLICIT_MX);
        assertThat(plan.implicitMx()).isTrue();
        assertThat(plan.hosts()).singleElement().satisfies(h -> {
            assertThat(h.preference()).isZero();
            assertThat(h.name()).isEqualTo("implicit.test");
            assertThat(h.addresses())
                    .extracting(InetAddress::getHostAddress)
                    .containsExactly("192.0.2.50", "2001:db8:0:0:0:0:0:50");
        });
    }

    @Test
    void aSingleMxToTheRootIsANullMx() {
        MxPlan plan = resolver.plan("nullmx.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.NULL_MX);
        assertThat(plan.nullMx()).isTrue();
        assertThat(plan.hosts()).isEmpty();
        assertThat(plan.detail()).contains("RFC 7505");
    }

    @Test
    void aDomainWithNeitherMxNorAddressesHasNoMailHosts() {
        MxPlan plan = resolver.plan("nothing.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.NO_MAIL_HOSTS);
        assertThat(plan.hasTargets()).isFalse();
    }

    @Test
    void aMissingDomainIsNxdomain() {
        MxPlan plan = resolver.plan("missing.order.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
        assertThat(plan.detail()).contains("missing.order.test", dns.address().getPort() + "");
    }

    @Test
    void mxHostsWithoutAddressesAreDangling() {
        MxPlan plan = resolver.plan("dangling.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.OK);
        assertThat(plan.hosts())
                .extracting(MxHost::flaws)
                .containsExactly(Set.of(MxFlaw.DANGLING), Set.of(MxFlaw.DANGLING), Set.of());
        assertThat(plan.hasTargets()).isTrue();
    }

    @Test
    void whenEveryMxHostDanglesThereAreNoMailHosts() {
        MxPlan plan = resolver.plan("alldangling.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.NO_MAIL_HOSTS);
        assertThat(names(plan)).containsExactly("ghost.alldangling.test", "empty.alldangling.test");
    }

    @Test
    void anMxTargetThatIsAnAliasIsFlaggedEvenWhenTheChainLeadsNowhere() {
        MxPlan plan = resolver.plan("cname.test");

        assertThat(plan.hosts().get(0).flaws()).containsExactly(MxFlaw.CNAME);
        assertThat(plan.hosts().get(0).addresses())
                .extracting(InetAddress::getHostAddress)
                .containsExactly("192.0.2.70");
        assertThat(plan.hosts().get(1).flaws()).containsExactlyInAnyOrder(MxFlaw.CNAME, MxFlaw.DANGLING);
    }

    @Test
    void anMxTargetWrittenAsAnAddressIsFlagged() {
        MxPlan plan = resolver.plan("literal.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.OK);
        assertThat(plan.hosts().get(0).name()).isEqualTo("192.0.2.80");
        // The name 192.0.2.80. is looked up as a name like any other, and has no address.
        assertThat(plan.hosts().get(0).flaws()).containsExactlyInAnyOrder(MxFlaw.IP_LITERAL, MxFlaw.DANGLING);
        assertThat(plan.hosts().get(1).flaws()).isEmpty();
    }

    @Test
    void servfailAndRefusedAreTypedAndNameTheResolver() {
        MxPlan servfail = resolver.plan("servfail.test");
        MxPlan refused = resolver.plan("refused.test");

        assertThat(servfail.outcome()).isEqualTo(DnsOutcome.SERVFAIL);
        assertThat(servfail.detail())
                .contains("SERVFAIL", "127.0.0.1:" + dns.address().getPort());
        assertThat(refused.outcome()).isEqualTo(DnsOutcome.REFUSED);
        assertThat(refused.detail())
                .contains("REFUSED", "127.0.0.1:" + dns.address().getPort());
    }

    @Test
    void aSilentServerIsATimeoutWithinABound() {
        MxResolver impatient = new MxResolver(dns.resolver(Duration.ofMillis(300)));

        MxPlan plan = assertTimeout(Duration.ofSeconds(15), () -> impatient.plan("slow.test"));

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.TIMEOUT);
        assertThat(plan.detail())
                .contains("slow.test", "127.0.0.1:" + dns.address().getPort());
    }

    @Test
    void aSilentServerBehindTheConfiguredResolverIsATimeoutToo() {
        MxResolver configured = MxResolver.from(dns.properties(Duration.ofMillis(500)));

        MxPlan plan = assertTimeout(Duration.ofSeconds(15), () -> configured.plan("slow.test"));

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.TIMEOUT);
        assertThat(plan.detail()).contains("127.0.0.1:" + dns.address().getPort());
    }

    @Test
    void anAnswerTooBigForUdpIsFetchedOverTcp() {
        MxPlan plan = resolver.plan("big.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.OK);
        assertThat(plan.hosts()).hasSize(MxResolver.MAX_HOSTS);
        assertThat(dns.queries()).anySatisfy(q -> {
            assertThat(q.name()).isEqualTo("big.test");
            assertThat(q.transport()).isEqualTo(TestDnsServer.Transport.TCP);
        });
    }

    @Test
    void aTruncatedUdpAnswerIsRetriedOverTcp() {
        try (TestDnsServer truncating = TestDnsServer.builder()
                .zone("tc.test", "@ MX 10 mx\nmx A 192.0.2.120\n")
                .start()
                .truncateUdp(true)) {
            MxPlan plan = MxResolver.from(truncating.properties(Duration.ofSeconds(2)))
                    .plan("tc.test");

            assertThat(plan.outcome()).isEqualTo(DnsOutcome.OK);
            assertThat(plan.hosts().getFirst().addresses())
                    .extracting(InetAddress::getHostAddress)
                    .containsExactly("192.0.2.120");
            assertThat(truncating.queries())
                    .extracting(TestDnsServer.Query::transport)
                    .contains(TestDnsServer.Transport.UDP, TestDnsServer.Transport.TCP);
        }
    }

    @Test
    void anInternationalDomainIsAskedForInALabels() {
        MxPlan plan = resolver.plan("Bücher.test.");

        assertThat(plan.domain()).isEqualTo("xn--bcher-kva.test");
        assertThat(plan.outcome()).isEqualTo(DnsOutcome.OK);
        assertThat(names(plan)).containsExactly("mx.xn--bcher-kva.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "exa mple.test", "a..b", "-bad.test", "x_y.test", "<script>.test"})
    void garbageIsAnErrorWithADetailAndNoQuery(String domain) {
        int before = dns.queries().size();

        MxPlan plan = resolver.plan(domain);

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.ERROR);
        assertThat(plan.detail()).isNotBlank();
        assertThat(dns.queries()).hasSize(before);
    }

    @Test
    void hostileInputIsEchoedOnlyShortAndOnOneLine() {
        MxPlan plan = resolver.plan("a\r\nb".repeat(5000));

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.ERROR);
        assertThat(plan.detail()).hasSizeLessThan(200).doesNotContain("\r", "\n");
        assertThat(plan.domain()).hasSizeLessThan(100);
        assertThat(resolver.plan(null).outcome()).isEqualTo(DnsOutcome.ERROR);
    }

    @Test
    void theFactoryBuildsAResolverFromProperties() {
        MxPlan plan = MxResolver.from(dns.properties(Duration.ofSeconds(2))).plan("order.test");

        assertThat(plan.outcome()).isEqualTo(DnsOutcome.OK);
        assertThat(plan.hosts()).hasSize(4);
    }
}
