package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.MxResolver;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.egress.TargetProperties;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.https.DripProxy;
import dev.mailflow.testing.https.PolicyServer;
import dev.mailflow.testing.tls.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy host that drips its TLS handshake a byte a second (issue 18): a real HTTPS server behind
 * a proxy that slows its answers. No socket timeout trips on it, so only the fetch's watchdog ends
 * it: the whole posture ends at about the policy timeout (2 s here), well before the posture's
 * own 20 s, with the MTA-STS check saying why, and the connection closed.
 */
class PolicyDripTest {

    private static final TestCertificates CA = TestCertificates.authority();

    @Test
    void aDrippingPolicyHostIsCutOffAtThePolicyTimeout() throws Exception {
        try (var https = new PolicyServer(CA.leaf("mta-sts.drip.test").serverContext())
                        .serve(
                                "text/plain",
                                "version: STSv1\r\nmode: enforce\r\nmx: mx.drip.test\r\nmax_age: 86400\r\n");
                var drip = new DripProxy(https.port(), Duration.ofSeconds(1));
                var dns = TestDnsServer.builder().zone("drip.test", """
                                @         MX  10 mx
                                mx        A   192.0.2.25
                                _mta-sts  TXT "v=STSv1; id=1"
                                mta-sts   A   127.0.0.1
                                """).start()) {
            var properties = new PostureProperties(
                    true,
                    List.of(),
                    List.of("192.0.2.1"),
                    List.of(),
                    Duration.ofSeconds(20),
                    Duration.ofSeconds(2),
                    65536,
                    "",
                    Duration.ZERO);
            var egress = new TargetPolicy(new TargetProperties(List.of("127.0.0.0/8"), null, List.of(25)));
            var checks = new PostureChecks(
                    properties,
                    () -> dns.resolver(Duration.ofSeconds(2)),
                    egress,
                    CA.clientContext().getSocketFactory(),
                    drip.port());
            var plan = new MxResolver(dns.resolver(Duration.ofSeconds(2))).plan("drip.test");
            var subject =
                    new PostureSubject("drip.test", plan, "helpdesk@contoso.test", "contoso.test", "contoso.test");

            long start = System.nanoTime();
            var published = new ArrayList<PostureCheck>();
            var report = checks.start(subject, published::add).finish(List.of());
            System.out.printf(
                    "posture with a dripping MTA-STS host ended after %.2f s (policy timeout 2 s, posture timeout 20 s)%n",
                    (System.nanoTime() - start) / 1e9);

            var sts = report.checks().stream()
                    .filter(c -> c.kind() == PostureCheck.Kind.MTA_STS)
                    .findFirst()
                    .orElseThrow();
            assertThat(drip.accepted()).isEqualTo(1);
            assertThat(sts.summary()).doesNotContain("not finished");
            assertThat(sts.evidence())
                    .anySatisfy(e -> assertThat(e).contains("did not deliver the policy within 2000 ms"));
            // The fetch closed its side: the proxy sees the client gone without waiting for the server.
            for (int i = 0; i < 100 && drip.open() > 0; i++) {
                Thread.sleep(50);
            }
            assertThat(drip.open()).isZero();
        }
    }
}
