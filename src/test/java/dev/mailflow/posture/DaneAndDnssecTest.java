package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.MxHost;
import dev.mailflow.posture.PostureFacts.DaneState;
import dev.mailflow.posture.PostureFacts.DnssecStatus;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.tls.TestCertificates;
import dev.mailflow.tls.TlsFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNSSEC status and DANE against zones signed in the test, validated by dnsjava's
 * ValidatingResolver from the zones' own keys as trust anchors; certificates from real handshakes.
 */
class DaneAndDnssecTest {

    private static final TestCertificates CA = TestCertificates.authority();
    private static final TestCertificates.Credential MX = CA.leaf("mx.signed.test");
    private static final TestCertificates.Credential OTHER = CA.leaf("mx.signed.test");

    private static TestDnsServer dns;
    private static SecureLookup secure;
    private static TlsFacts seen;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        String spki = hex(MX.certificate().getPublicKey().getEncoded());
        String full = hex(MX.certificate().getEncoded());
        dns = TestDnsServer.builder()
                .signedZone("signed.test", """
                        @             MX   10 mx
                        mx            A    192.0.2.25
                        _25._tcp.mx   TLSA 3 1 1 %s
                        other         A    192.0.2.26
                        _25._tcp.other TLSA 3 1 1 %s
                        full          A    192.0.2.27
                        _25._tcp.full TLSA 3 0 1 %s
                        """.formatted(
                                spki, hex(OTHER.certificate().getPublicKey().getEncoded()), full))
                .expiredZone("stale.test", """
                        @             MX   10 mx
                        mx            A    192.0.2.30
                        _25._tcp.mx   TLSA 3 1 1 %s
                        """.formatted(spki))
                .zone("plain.test", """
                        @             MX   10 mx
                        mx            A    192.0.2.40
                        _25._tcp.mx   TLSA 3 1 1 %s
                        """.formatted(spki))
                .start();
        Path anchors = dir.resolve("anchors.txt");
        Files.writeString(anchors, dns.trustAnchor("signed.test") + dns.trustAnchor("stale.test"));
        secure = new SecureLookup(dns.resolver(Duration.ofSeconds(2)), anchors.toString(), Duration.ZERO);
        seen = HandshakeFacts.of(MX, CA, "mx.signed.test");
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void aResolverThatCannotReachTheRootKeysLeavesTheStatusUnknown() {
        // The test server serves no root zone: the shipped root anchors cannot be primed, which says
        // nothing about the domain.
        var rootAnchored = new SecureLookup(dns.resolver(Duration.ofSeconds(2)), "", Duration.ZERO);

        var check = new DnssecCheck(rootAnchored).check("plain.test");

        assertThat(check.facts()).isEqualTo(new PostureFacts.Dnssec(DnssecStatus.UNKNOWN));
        assertThat(check.notes()).isEmpty();
    }

    @Test
    void aSignedMxAnswerIsSecure() {
        var check = new DnssecCheck(secure).check("signed.test");

        assertThat(check.facts()).isEqualTo(new PostureFacts.Dnssec(DnssecStatus.SECURE));
        assertThat(check.status()).isEqualTo(PostureStatus.PASS);
    }

    @Test
    void anUnsignedMxAnswerIsInsecureNotAFailure() {
        var check = new DnssecCheck(secure).check("plain.test");

        assertThat(check.facts()).isEqualTo(new PostureFacts.Dnssec(DnssecStatus.INSECURE));
        assertThat(check.status()).isEqualTo(PostureStatus.NOT_PUBLISHED);
        assertThat(check.notes()).isEmpty();
    }

    @Test
    void expiredSignaturesAreBogus() {
        var check = new DnssecCheck(secure).check("stale.test");

        assertThat(check.facts()).isEqualTo(new PostureFacts.Dnssec(DnssecStatus.BOGUS));
        assertThat(check.status()).isEqualTo(PostureStatus.FAIL);
        assertThat(check.notes()).extracting(PostureNote::finding).containsExactly("posture.dnssec-bogus");
    }

    @Test
    void aSecureTlsaRecordMatchingTheSessionsChainIsValid() {
        var dane = new DaneCheck(secure);
        var check = dane.judge(
                "signed.test",
                dane.read(hosts("mx.signed.test", "full.signed.test")),
                List.of(session("mx.signed.test", seen), session("full.signed.test", seen)));

        assertThat(((PostureFacts.Dane) check.facts()).hosts())
                .containsEntry("mx.signed.test", DaneState.VALID)
                .containsEntry("full.signed.test", DaneState.VALID);
        assertThat(check.status()).isEqualTo(PostureStatus.PASS);
        assertThat(check.records()).anyMatch(r -> r.contains("TLSA 3 1 1"));
    }

    @Test
    void aTlsaRecordForAnotherKeyIsAMismatch() {
        var dane = new DaneCheck(secure);
        var check = dane.judge(
                "signed.test", dane.read(hosts("other.signed.test")), List.of(session("other.signed.test", seen)));

        assertThat(((PostureFacts.Dane) check.facts()).hosts()).containsEntry("other.signed.test", DaneState.MISMATCH);
        assertThat(check.status()).isEqualTo(PostureStatus.FAIL);
        assertThat(check.notes()).extracting(PostureNote::finding).containsExactly("posture.dane-mismatch");
    }

    @Test
    void tlsaRecordsInAnUnsignedZoneMeanNoDane() {
        var dane = new DaneCheck(secure);
        var check =
                dane.judge("plain.test", dane.read(hosts("mx.plain.test")), List.of(session("mx.plain.test", seen)));

        assertThat(((PostureFacts.Dane) check.facts()).hosts()).containsEntry("mx.plain.test", DaneState.NONE);
        assertThat(check.status()).isEqualTo(PostureStatus.NOT_PUBLISHED);
        assertThat(check.notes()).isEmpty();
    }

    @Test
    void aBogusTlsaAnswerIsAFinding() {
        var dane = new DaneCheck(secure);
        var check =
                dane.judge("stale.test", dane.read(hosts("mx.stale.test")), List.of(session("mx.stale.test", seen)));

        assertThat(((PostureFacts.Dane) check.facts()).hosts()).containsEntry("mx.stale.test", DaneState.BOGUS);
        assertThat(check.notes()).extracting(PostureNote::finding).containsExactly("posture.dane-bogus");
    }

    @Test
    void withoutACertificateToCompareDaneIsUntested() {
        var dane = new DaneCheck(secure);
        var check = dane.judge("signed.test", dane.read(hosts("mx.signed.test")), List.of());

        assertThat(((PostureFacts.Dane) check.facts()).hosts()).containsEntry("mx.signed.test", DaneState.UNTESTED);
        assertThat(check.status()).isEqualTo(PostureStatus.UNKNOWN);
    }

    private static List<MxHost> hosts(String... names) {
        return java.util.Arrays.stream(names)
                .map(n -> new MxHost(10, n, List.of(), Duration.ZERO, Set.of()))
                .toList();
    }

    private static SessionSeen session(String host, TlsFacts tls) {
        return new SessionSeen(host, "192.0.2.25", false, true, tls);
    }

    private static String hex(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}
