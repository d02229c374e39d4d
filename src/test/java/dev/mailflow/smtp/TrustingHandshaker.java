package dev.mailflow.smtp;

import dev.mailflow.testing.smtp.AnyCertificate;
import dev.mailflow.tls.TlsFacts;
import dev.mailflow.tls.TlsHandshaker;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A test {@link TlsHandshaker} that accepts any certificate and reports only protocol and cipher:
 * not trusted, host name not checked; or, {@link #vouching()}, trusted and naming the server, for a
 * test that plays the server the session means to reach.
 */
final class TrustingHandshaker implements TlsHandshaker {

    private final boolean vouches;

    TrustingHandshaker() {
        this(false);
    }

    private TrustingHandshaker(boolean vouches) {
        this.vouches = vouches;
    }

    static TrustingHandshaker vouching() {
        return new TrustingHandshaker(true);
    }

    @Override
    public SSLSocket handshake(Socket plain, String serverName, Duration timeout) throws IOException {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            var ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, plain.getPort(), true);
            ssl.setUseClientMode(true);
            plain.setSoTimeout((int) timeout.toMillis());
            ssl.startHandshake();
            return ssl;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public TlsFacts facts(SSLSession session, String serverName) {
        return vouches
                ? new TlsFacts(session.getProtocol(), session.getCipherSuite(), List.of(), true, null, true, null, null)
                : new TlsFacts(
                        session.getProtocol(),
                        session.getCipherSuite(),
                        List.of(),
                        false,
                        "not checked",
                        null,
                        null,
                        null);
    }

    @Override
    public TlsFacts failure(String serverName, Exception cause) {
        return new TlsFacts(null, null, List.of(), false, null, null, null, String.valueOf(cause.getMessage()));
    }
}
