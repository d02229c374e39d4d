package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.MxResolver;
import dev.mailflow.dns.RecordLookup;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.egress.TargetProperties;
import dev.mailflow.posture.PostureFacts.StsMode;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.https.PolicyServer;
import dev.mailflow.testing.tls.TestCertificates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MTA-STS against a real HTTPS server with a test CA, reached through the target policy at the
 * address the test DNS server gives for mta-sts.&lt;domain&gt;.
 */
class MtaStsCheckTest {

    private static final TestCertificates CA = TestCertificates.authority();
    private static final String ENFORCE =
            "version: STSv1\r\nmode: enforce\r\nmx: mx.example.test\r\nmx: *.backup.example.test\r\nmax_age: 86400\r\n";

    private static TestDnsServer dns;
    private static PolicyServer https;
    private static MtaStsCheck check;
    private static MxResolver mx;

    @BeforeAll
    static void start() {
        https = new PolicyServer(
                CA.leaf("mta-sts.example.test", "mta-sts.elsewhere.test").serverContext());
        dns = TestDnsServer.builder()
                .zone("example.test", """
                        @               MX  10 mx
                        @               MX  20 a.backup
                        @               MX  30 rogue
                        mx              A   192.0.2.25
                        a.backup        A   192.0.2.26
                        rogue           A   192.0.2.27
                        _mta-sts        TXT "v=STSv1; id=20261202T1500"
                        mta-sts         A   127.0.0.1
                        """)
                .zone("elsewhere.test", """
                        _mta-sts        TXT "v=STSv1; id=1"
                        mta-sts         A   127.0.0.2
                        """)
                .zone("nothing.test", """
                        @               MX  10 mx
                        mx              A   192.0.2.25
                        """)
                .start();
        var resolver = dns.resolver(Duration.ofSeconds(2));
        var lookups = new Lookups(new RecordLookup(resolver));
        var policy = new TargetPolicy(new TargetProperties(List.of("127.0.0.1/32"), null, null));
        var fetcher = new PolicyFetcher(
                policy, lookups, CA.clientContext().getSocketFactory(), https.port(), Duration.ofSeconds(5), 65536);
        check = new MtaStsCheck(lookups, fetcher, new TtlCache<>(Duration.ZERO));
        mx = new MxResolver(resolver);
    }

    @AfterAll
    static void stop() {
        https.close();
        dns.close();
    }

    private static PostureCheck judge(String domain, List<SessionSeen> sessions) {
        return check.judge(check.read(domain), mx.plan(domain), sessions);
    }

    @Test
    void anEnforcedPolicyIsReadAndEveryHostIsCheckedAgainstItsPatterns() {
        https.serve("text/plain; charset=utf-8", ENFORCE);

        var result = judge("example.test", List.of());

        var facts = (PostureFacts.MtaSts) result.facts();
        assertThat(facts.mode()).isEqualTo(StsMode.ENFORCE);
        assertThat(facts.mx()).containsExactly("mx.example.test", "*.backup.example.test");
        assertThat(facts.maxAge()).isEqualTo(86400L);
        assertThat(facts.id()).isEqualTo("20261202T1500");
        assertThat(result.evidence())
                .contains(
                        "mx.example.test matches mx.example.test, *.backup.example.test",
                        "a.backup.example.test matches mx.example.test, *.backup.example.test");
        // rogue is in the MX set but not in the policy: enforcing senders will not deliver to it.
        assertThat(result.status()).isEqualTo(PostureStatus.FAIL);
        assertThat(result.notes()).extracting(PostureNote::finding).containsExactly("posture.mta-sts-mx-mismatch");
        assertThat(result.notes().getFirst().vars()).containsEntry("host", "rogue.example.test");
    }

    @Test
    void aSessionWhoseCertificateAnEnforcingSenderWouldRefuseIsAFinding() throws Exception {
        https.serve("text/plain", ENFORCE.replace("max_age", "mx: rogue.example.test\r\nmax_age"));
        var wrongName = HandshakeFacts.of(CA.leaf("other.example.net"), CA, "mx.example.test");
        var trusted = HandshakeFacts.of(CA.leaf("a.backup.example.test"), CA, "a.backup.example.test");

        var result = judge(
                "example.test",
                List.of(
                        new SessionSeen("mx.example.test", "192.0.2.25", false, true, wrongName),
                        new SessionSeen("a.backup.example.test", "192.0.2.26", false, true, trusted),
                        new SessionSeen("rogue.example.test", "192.0.2.27", false, false, null)));

        assertThat(result.status()).isEqualTo(PostureStatus.FAIL);
        assertThat(result.notes())
                .extracting(n -> n.vars().get("host"))
                .containsExactly("mx.example.test", "rogue.example.test");
        assertThat(result.evidence())
                .contains(
                        "mx.example.test: the certificate does not name mx.example.test",
                        "rogue.example.test: STARTTLS is not offered");
    }

    @Test
    void testingModeReportsProblemsAsOneNote() {
        https.serve("text/plain", ENFORCE.replace("enforce", "testing"));

        var result = judge("example.test", List.of());

        assertThat(((PostureFacts.MtaSts) result.facts()).mode()).isEqualTo(StsMode.TESTING);
        assertThat(result.status()).isEqualTo(PostureStatus.WARN);
        assertThat(result.notes()).extracting(PostureNote::finding).containsExactly("posture.mta-sts-testing");
        assertThat(result.notes().getFirst().vars().get("detail")).contains("1 problem(s)");
    }

    @Test
    void aPolicyServedAsAnotherTypeCannotBeUsed() {
        https.serve("text/html", ENFORCE);

        var result = judge("example.test", List.of());

        assertThat(result.status()).isEqualTo(PostureStatus.FAIL);
        assertThat(result.notes()).extracting(PostureNote::finding).containsExactly("posture.mta-sts-unfetchable");
        assertThat(result.evidence().getFirst()).contains("text/html, not text/plain");
    }

    @Test
    void aRedirectIsNotFollowed() {
        https.redirect("https://example.net/mta-sts.txt");

        var result = judge("example.test", List.of());

        assertThat(result.notes()).extracting(PostureNote::finding).containsExactly("posture.mta-sts-unfetchable");
        assertThat(result.evidence().getFirst()).contains("301", "redirect");
    }

    @Test
    void aBrokenPolicyNamesWhatIsMissing() {
        https.serve("text/plain", "version: STSv1\nmode: enforce\nmax_age: 86400\n");

        var result = judge("example.test", List.of());

        assertThat(result.notes()).extracting(PostureNote::finding).containsExactly("posture.mta-sts-bad-policy");
        assertThat(result.summary()).contains("no mx line");
    }

    @Test
    void aPolicyHostTheTargetPolicyRefusesIsUnfetchable() {
        // 127.0.0.2 is loopback and not allowed in this test: the policy host is judged like any MX.
        var result = judge("elsewhere.test", List.of());

        assertThat(result.status()).isEqualTo(PostureStatus.FAIL);
        assertThat(result.notes()).extracting(PostureNote::finding).containsExactly("posture.mta-sts-unfetchable");
        assertThat(result.evidence().getFirst()).contains("not allowed by policy");
    }

    @Test
    void anUnreachablePolicyServerIsUnfetchable() {
        try (var closed = new PolicyServer(CA.leaf("mta-sts.example.test").serverContext())) {
            var lookups = new Lookups(new RecordLookup(dns.resolver(Duration.ofSeconds(2))));
            var policy = new TargetPolicy(new TargetProperties(List.of("127.0.0.1/32"), null, null));
            int port = closed.port();
            closed.close();
            var fetcher = new PolicyFetcher(
                    policy, lookups, CA.clientContext().getSocketFactory(), port, Duration.ofSeconds(2), 65536);
            var unreachable = new MtaStsCheck(lookups, fetcher, new TtlCache<>(Duration.ZERO));

            var result = unreachable.judge(unreachable.read("example.test"), mx.plan("example.test"), List.of());

            assertThat(result.notes()).extracting(PostureNote::finding).containsExactly("posture.mta-sts-unfetchable");
            assertThat(result.evidence().getFirst()).contains("cannot connect");
        }
    }

    @Test
    void withoutARecordThereIsNoPolicy() {
        var result = judge("nothing.test", List.of());

        assertThat(result.status()).isEqualTo(PostureStatus.NOT_PUBLISHED);
        assertThat(result.notes()).isEmpty();
    }
}
