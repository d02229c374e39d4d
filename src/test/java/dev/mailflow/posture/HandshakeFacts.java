package dev.mailflow.posture;

import dev.mailflow.testing.tls.TestCertificates;
import dev.mailflow.tls.TlsFacts;
import dev.mailflow.tls.TlsInspector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** The TLS facts of a real handshake with a server presenting {@code credential}, as a session records them. */
final class HandshakeFacts {

    private HandshakeFacts() {}

    static TlsFacts of(TestCertificates.Credential credential, TestCertificates trusted, String host)
            throws IOException {
        try (var server = (SSLServerSocket) credential
                .serverContext()
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    accepted.getInputStream().read();
                } catch (IOException ignored) {
                    // the client hung up after the handshake
                }
            });
            var inspector = new TlsInspector(trusted.trustManager());
            try (var plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    var tls = inspector.handshake(plain, host, Duration.ofSeconds(5))) {
                return inspector.facts(tls.getSession(), host);
            }
        }
    }
}
