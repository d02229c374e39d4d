package dev.mailflow.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.mailflow.testing.tls.TestCertificates;
import dev.mailflow.testing.tls.TestCertificates.Credential;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsInspectorTest {

    private static final String HOST = "mx.example.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final TestCertificates CA = TestCertificates.authority();

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final TlsInspector inspector = new TlsInspector(CA.trustManager(), Clock.fixed(now, ZoneOffset.UTC));
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void reportsTheNegotiationAndTheLeafOfATrustedServer() throws Exception {
        Credential leaf = CA.leaf(List.of(HOST), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));

        TlsFacts facts = handshake(leaf, HOST);

        assertThat(facts.failure()).isNull();
        assertThat(facts.protocol()).isEqualTo("TLSv1.3");
        assertThat(facts.cipherSuite()).startsWith("TLS_");
        assertThat(facts.trusted()).isTrue();
        assertThat(facts.trustProblem()).isNull();
        assertThat(facts.hostnameMatches()).isTrue();
        assertThat(facts.daysUntilExpiry()).isEqualTo(30);
        TlsFacts.CertificateFacts certificate = facts.chain().getFirst();
        assertThat(certificate.subject()).isEqualTo("CN=mx.example.test,O=mailflow tests");
        assertThat(certificate.issuer()).isEqualTo("CN=mailflow test CA,O=mailflow tests");
        assertThat(certificate.subjectAltNames()).containsExactly("DNS:mx.example.test");
        assertThat(certificate.notAfter()).isEqualTo(now.plus(Duration.ofDays(30)));
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(leaf.certificate().getEncoded());
        assertThat(certificate.sha256())
                .isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
    }

    @Test
    void theHandshakenSocketCarriesData() throws Exception {
        EchoServer server = start(CA.leaf(HOST).serverContext());
        try (Socket plain = connect(server.address())) {
            SSLSocket tls = inspector.handshake(plain, HOST, TIMEOUT);
            tls.getOutputStream().write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            byte[] echoed = tls.getInputStream().readNBytes(18);
            assertThat(new String(echoed, StandardCharsets.US_ASCII)).isEqualTo("EHLO client.test\r\n");
        }
    }

    @Test
    void sendsTheServerNameWithoutTheTrailingDot() throws Exception {
        EchoServer server = start(CA.leaf(HOST).serverContext());

        TlsFacts facts = handshake(server, "mx.example.test.");

        assertThat(server.requestedNames()).containsExactly(new SNIHostName(HOST));
        assertThat(facts.hostnameMatches()).isTrue();
    }

    @Test
    void sendsNoServerNameForAnAddressLiteralAndMatchesItsIpAddressEntry() throws Exception {
        EchoServer server = start(CA.leaf("127.0.0.1").serverContext());

        TlsFacts facts = handshake(server, "127.0.0.1");

        assertThat(server.requestedNames()).isEmpty();
        assertThat(facts.hostnameMatches()).isTrue();
        assertThat(facts.chain().getFirst().subjectAltNames()).containsExactly("IP:127.0.0.1");
    }

    @Test
    void aSelfSignedCertificateIsReportedAsSuch() throws Exception {
        TlsFacts facts = handshake(TestCertificates.selfSigned(HOST), HOST);

        assertThat(facts.trusted()).isFalse();
        assertThat(facts.trustProblem()).isEqualTo("self-signed");
        assertThat(facts.hostnameMatches()).isTrue();
    }

    @Test
    void anExpiredCertificateIsReportedAsExpiredWithNegativeDays() throws Exception {
        TlsFacts facts = handshake(CA.expiredLeaf(HOST), HOST);

        assertThat(facts.trusted()).isFalse();
        assertThat(facts.trustProblem()).isEqualTo("expired");
        assertThat(facts.daysUntilExpiry()).isNegative();
    }

    @Test
    void aCertificateFromTheFutureIsNotYetValid() throws Exception {
        Credential early = CA.leaf(List.of(HOST), now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(92)));

        TlsFacts facts = handshake(early, HOST);

        assertThat(facts.trustProblem()).isEqualTo("not yet valid");
        assertThat(facts.daysUntilExpiry()).isEqualTo(92);
    }

    @Test
    void aTrustedCertificateForAnotherNameDoesNotMatchTheHost() throws Exception {
        TlsFacts facts = handshake(CA.wrongNameLeaf(), HOST);

        assertThat(facts.trusted()).isTrue();
        assertThat(facts.hostnameMatches()).isFalse();
    }

    @Test
    void aLeafSentWithoutItsIntermediateLacksTheIntermediate() throws Exception {
        Credential complete = CA.intermediate("mailflow test intermediate").leaf(HOST);

        assertThat(handshake(complete, HOST).trusted()).isTrue();
        TlsFacts facts = handshake(complete.leafOnly(), HOST);
        assertThat(facts.trusted()).isFalse();
        assertThat(facts.trustProblem()).isEqualTo("missing intermediate certificate");
    }

    @Test
    void aStaleCrossSignedCertificateSentAlongDoesNotSpoilATrustedChain() throws Exception {
        TestCertificates oldRoot = TestCertificates.authority("old root");
        X509Certificate stale =
                CA.crossSignedBy(oldRoot, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(10)));

        TlsFacts facts = handshake(CA.leaf(HOST).sendingAlso(stale), HOST);

        assertThat(facts.trusted()).isTrue();
        assertThat(facts.chain()).hasSize(2);
    }

    @Test
    void aChainThatNeedsAnExpiredIntermediateHasAnExpiredIntermediate() throws Exception {
        TestCertificates oldRoot = TestCertificates.authority("old root");
        X509Certificate stale =
                CA.crossSignedBy(oldRoot, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(10)));
        TlsInspector trustingOldRoot = new TlsInspector(oldRoot.trustManager(), Clock.fixed(now, ZoneOffset.UTC));
        EchoServer server = start(CA.leaf(HOST).sendingAlso(stale).serverContext());

        TlsFacts facts;
        try (Socket plain = connect(server.address())) {
            facts = trustingOldRoot.facts(
                    trustingOldRoot.handshake(plain, HOST, TIMEOUT).getSession(), HOST);
        }

        assertThat(facts.trustProblem()).isEqualTo("expired intermediate certificate");
    }

    @Test
    void aChainEndingInAnUnknownRootHasAnUnknownIssuer() throws Exception {
        TestCertificates stranger = TestCertificates.authority("stranger CA");

        TlsFacts facts = handshake(stranger.leaf(HOST).sendingAlso(stranger.certificate()), HOST);

        assertThat(facts.trustProblem()).isEqualTo("unknown issuer");
        assertThat(facts.chain()).hasSize(2);
        assertThat(facts.chain().get(1).subject()).isEqualTo("CN=stranger CA,O=mailflow tests");
    }

    @Test
    void withoutATrustManagerTheJvmTrustStoreJudges() throws Exception {
        TlsInspector jvmTrust = new TlsInspector(null);
        EchoServer server = start(CA.leaf(HOST).sendingAlso(CA.certificate()).serverContext());

        TlsFacts facts;
        try (Socket plain = connect(server.address())) {
            facts = jvmTrust.facts(jvmTrust.handshake(plain, HOST, TIMEOUT).getSession(), HOST);
        }

        assertThat(facts.trusted()).isFalse();
        assertThat(facts.trustProblem()).isEqualTo("unknown issuer");
    }

    @Test
    void aServerThatHangsUpGivesAFailureSentence() throws Exception {
        TlsFacts facts = failedHandshake(peer -> {});

        assertThat(facts.failure()).contains("closed the connection");
        assertThat(facts.protocol()).isNull();
        assertThat(facts.cipherSuite()).isNull();
        assertThat(facts.chain()).isEmpty();
        assertThat(facts.trusted()).isFalse();
    }

    @Test
    void aServerRefusingEveryOfferedVersionGivesTheProtocolSentence() throws Exception {
        TlsFacts facts = failedHandshake(peer -> {
            peer.getInputStream().read(new byte[5]);
            // A TLS record: alert (21), TLS 1.2, length 2, fatal (2), protocol_version (70); RFC 8446 §6.
            peer.getOutputStream().write(new byte[] {21, 3, 3, 0, 2, 2, 70});
            peer.getOutputStream().flush();
        });

        assertThat(facts.failure())
                .isEqualTo("handshake failed: the server offers no protocol this client enables (TLSv1.0 only?)");
    }

    @Test
    void aServerAnsweringInPlainTextIsNotSpeakingTls() throws Exception {
        TlsFacts facts = failedHandshake(peer -> {
            peer.getOutputStream()
                    .write("454 4.7.0 TLS not available\r\n".repeat(4).getBytes(StandardCharsets.US_ASCII));
            peer.getOutputStream().flush();
        });

        assertThat(facts.failure()).contains("did not answer in TLS");
    }

    @Test
    void aSilentServerIsCutOffAtTheTimeoutAndTheSocketClosed() throws Exception {
        ServerSocket silent = listen(peer -> Thread.sleep(10_000));
        try (Socket plain = connect((InetSocketAddress) silent.getLocalSocketAddress())) {
            Exception thrown = assertTimeout(Duration.ofSeconds(10), () -> {
                try {
                    inspector.handshake(plain, HOST, Duration.ofMillis(300));
                    return null;
                } catch (IOException expected) {
                    return expected;
                }
            });
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class);
            assertThat(plain.isClosed()).isTrue();
            assertThat(inspector.failure(HOST, thrown).failure()).contains("in time");
        }
    }

    @Test
    void aServerDrippingBytesIsCutOffAtTheTimeoutAsAWhole() throws Exception {
        ServerSocket dripping = listen(peer -> {
            // A handshake record header announcing 16 KiB, then one byte every 50 ms: no single read
            // waits long, only the whole handshake takes too long.
            peer.getOutputStream().write(new byte[] {22, 3, 3, 0x40, 0});
            for (int i = 0; i < 400; i++) {
                Thread.sleep(50);
                peer.getOutputStream().write(0);
                peer.getOutputStream().flush();
            }
        });
        try (Socket plain = connect((InetSocketAddress) dripping.getLocalSocketAddress())) {
            Exception thrown = assertTimeout(Duration.ofSeconds(10), () -> {
                try {
                    inspector.handshake(plain, HOST, Duration.ofMillis(600));
                    return null;
                } catch (IOException expected) {
                    return expected;
                }
            });
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("0.6s");
            assertThat(plain.isClosed()).isTrue();
        }
    }

    @Test
    void failureTextFromAStrangerIsMadePrintableAndShort() {
        TlsFacts facts = inspector.failure(HOST, new IOException("evil\r\n<script>" + "x".repeat(1000)));

        assertThat(facts.failure())
                .startsWith("handshake failed: evil␍␊<script>")
                .doesNotContain("\r", "\n");
        assertThat(facts.failure().length()).isLessThan(340);
    }

    @Nested
    class HostNames {

        @ParameterizedTest
        @CsvSource({
            "mx.example.test, mx.example.test, true",
            "MX.Example.TEST, mx.example.test., true",
            "mx.example.test., MX.EXAMPLE.TEST, true",
            "*.example.test, mx.example.test, true",
            "*.example.test, a.mx.example.test, false",
            "*.example.test, example.test, false",
            "*.test, example.test, false",
            "m*.example.test, mx.example.test, false",
            "mx.*.test, mx.example.test, false",
            "mx.example.test, mx.example.test.evil, false",
            "mx.example.test, other.example.test, false",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.2, false",
            "::1, [0:0:0:0:0:0:0:1], true",
            "*.0.0.1, 127.0.0.1, false",
        })
        void subjectAltNamesMatchLikeRfc6125(String name, String host, boolean matches) {
            Credential leaf = CA.leaf(name);

            assertThat(CertificateNames.of(leaf.certificate()).matches(host)).isEqualTo(matches);
        }

        @Test
        void theCommonNameCountsOnlyWithoutDnsNames() {
            Instant to = now.plus(Duration.ofDays(1));
            Credential commonNameOnly = CA.leaf(HOST, List.of(), now, to);
            Credential withOtherSan = CA.leaf(HOST, List.of("other.example.test"), now, to);

            assertThat(CertificateNames.of(commonNameOnly.certificate()).matches(HOST))
                    .isTrue();
            assertThat(CertificateNames.of(withOtherSan.certificate()).matches(HOST))
                    .isFalse();
        }
    }

    private TlsFacts handshake(Credential credential, String serverName) throws IOException {
        return handshake(start(credential.serverContext()), serverName);
    }

    private TlsFacts handshake(EchoServer server, String serverName) throws IOException {
        try (Socket plain = connect(server.address())) {
            SSLSocket tls = inspector.handshake(plain, serverName, TIMEOUT);
            return inspector.facts(tls.getSession(), serverName);
        }
    }

    private TlsFacts failedHandshake(Peer script) throws IOException {
        ServerSocket server = listen(script);
        try (Socket plain = connect((InetSocketAddress) server.getLocalSocketAddress())) {
            Exception thrown = null;
            try {
                inspector.handshake(plain, HOST, TIMEOUT);
            } catch (IOException expected) {
                thrown = expected;
            }
            assertThat(thrown).as("the handshake must fail").isNotNull();
            return inspector.failure(HOST, thrown);
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket plain = new Socket();
        plain.connect(address, (int) TIMEOUT.toMillis());
        return plain;
    }

    private EchoServer start(SSLContext context) throws IOException {
        EchoServer server = new EchoServer(context);
        servers.add(server);
        return server;
    }

    /** A scripted peer on 127.0.0.1:0 that plays {@code script} on the first connection, then hangs up. */
    private ServerSocket listen(Peer script) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            try (Socket peer = server.accept()) {
                script.play(peer);
            } catch (Exception stopped) {
                // the test is over
            }
        });
        return server;
    }

    @FunctionalInterface
    interface Peer {
        void play(Socket peer) throws Exception;
    }

    /** A TLS server on 127.0.0.1:0 that records the SNI it was sent and echoes one connection's bytes. */
    private static final class EchoServer implements AutoCloseable {

        private final SSLServerSocket socket;
        private final CompletableFuture<List<SNIServerName>> requested = new CompletableFuture<>();

        EchoServer(SSLContext context) throws IOException {
            socket = (SSLServerSocket)
                    context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::serveOne);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        List<SNIServerName> requestedNames() throws Exception {
            return requested.get(10, TimeUnit.SECONDS);
        }

        private void serveOne() {
            try (SSLSocket peer = (SSLSocket) socket.accept()) {
                peer.setSoTimeout(10_000);
                peer.startHandshake();
                requested.complete(((ExtendedSSLSession) peer.getSession()).getRequestedServerNames());
                InputStream in = peer.getInputStream();
                OutputStream out = peer.getOutputStream();
                byte[] buffer = new byte[512];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException stopped) {
                requested.completeExceptionally(stopped);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
