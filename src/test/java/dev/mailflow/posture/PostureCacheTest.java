package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.RecordLookup;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.egress.TargetProperties;
import dev.mailflow.posture.PostureFacts.DnssecStatus;
import dev.mailflow.posture.PostureFacts.StsMode;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.https.PolicyServer;
import dev.mailflow.testing.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * The posture checks keep what they read for its own lifetime, bounded by {@code
 * mailflow.posture.cache-ttl-max}: DNS answers and validated answers for their TTL, an MTA-STS
 * policy for its max_age while the TXT record keeps its id. Counted at the servers.
 */
class PostureCacheTest {

    private static final TestCertificates CA = TestCertificates.authority();
    private static final Duration MAX = Duration.ofMinutes(5);

    private static TestDnsServer dns;
    private static PolicyServer https;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        https = new PolicyServer(CA.leaf("mta-sts.cached.test").serverContext());
        dns = TestDnsServer.builder()
                .zone("cached.test", """
                        @         TXT "v=spf1 -all"
                        _mta-sts  TXT "v=STSv1; id=1"
                        mta-sts   A   127.0.0.1
                        """)
                .signedZone("signed.test", """
                        @   MX 10 mx
                        mx  A  192.0.2.25
                        """)
                .start();
    }

    @AfterAll
    static void stop() {
        https.close();
        dns.close();
    }

    private static long asked(String name) {
        return dns.queries().stream().filter(q -> q.name().startsWith(name)).count();
    }

    @Test
    void aDnsAnswerIsAskedOnceWithinItsTtlAndEveryTimeWithoutTheCache() throws Exception {
        var cached = new Lookups(new RecordLookup(dns.resolver(Duration.ofSeconds(2)), MAX));
        long before = asked("cached.test");
        for (int i = 0; i < 5; i++) {
            assertThat(cached.txt(Lookups.name("cached.test")).texts()).containsExactly("v=spf1 -all");
        }
        assertThat(asked("cached.test") - before).isEqualTo(1);

        var uncached = new Lookups(new RecordLookup(dns.resolver(Duration.ofSeconds(2)), Duration.ZERO));
        before = asked("cached.test");
        for (int i = 0; i < 3; i++) {
            uncached.txt(Lookups.name("cached.test"));
        }
        assertThat(asked("cached.test") - before).isEqualTo(3);
    }

    @Test
    void aValidatedAnswerIsKeptForTheTtlOfItsRecords() throws Exception {
        var anchors = dir.resolve("anchors.txt");
        Files.writeString(anchors, dns.trustAnchor("signed.test"));
        var secure = new SecureLookup(dns.resolver(Duration.ofSeconds(2)), anchors.toString(), MAX);

        var first = secure.ask(Lookups.name("signed.test"), Type.MX);
        long after = asked("signed.test");
        var again = secure.ask(Lookups.name("signed.test"), Type.MX);

        assertThat(first.status()).isEqualTo(DnssecStatus.SECURE);
        assertThat(again).isEqualTo(first);
        assertThat(asked("signed.test")).isEqualTo(after);
    }

    @Test
    void aPolicyIsKeptWhileTheRecordKeepsItsIdAndFetchedAgainWithoutTheCache() throws Exception {
        var lookups = new Lookups(new RecordLookup(dns.resolver(Duration.ofSeconds(2))));
        var fetcher = new PolicyFetcher(
                new TargetPolicy(new TargetProperties(List.of("127.0.0.1/32"), null, null)),
                lookups,
                CA.clientContext().getSocketFactory(),
                https.port(),
                Duration.ofSeconds(5),
                65536);
        var cached = new MtaStsCheck(lookups, fetcher, new TtlCache<>(MAX));
        var uncached = new MtaStsCheck(lookups, fetcher, new TtlCache<>(Duration.ZERO));
        https.serve("text/plain", "version: STSv1\r\nmode: enforce\r\nmx: mx.cached.test\r\nmax_age: 86400\r\n");
        assertThat(cached.read("cached.test").parsed().policy().mode()).isEqualTo(StsMode.ENFORCE);

        // A new policy behind the same id: a sender keeps the one it has (RFC 8461 §3.1), so does mailflow.
        https.serve("text/plain", "version: STSv1\r\nmode: testing\r\nmx: mx.cached.test\r\nmax_age: 86400\r\n");
        assertThat(cached.read("cached.test").parsed().policy().mode()).isEqualTo(StsMode.ENFORCE);
        assertThat(uncached.read("cached.test").parsed().policy().mode()).isEqualTo(StsMode.TESTING);
    }

    @Test
    void aValueWithoutLifetimeIsNotKeptAndNoneOutlivesTheBound() {
        var cache = new TtlCache<String, Integer>(Duration.ofNanos(1));
        var loads = new int[1];
        cache.get("a", k -> new TtlCache.Timed<>(++loads[0], Duration.ofDays(1)));
        cache.get("a", k -> new TtlCache.Timed<>(++loads[0], Duration.ofDays(1)));
        assertThat(loads[0]).isEqualTo(2);

        var kept = new TtlCache<String, Integer>(MAX);
        kept.get("b", k -> new TtlCache.Timed<>(++loads[0], Duration.ZERO));
        kept.get("b", k -> new TtlCache.Timed<>(++loads[0], Duration.ofMinutes(1)));
        assertThat(kept.get("b", k -> new TtlCache.Timed<>(++loads[0], Duration.ofMinutes(1))))
                .isEqualTo(4);
        assertThat(loads[0]).isEqualTo(4);
    }
}
