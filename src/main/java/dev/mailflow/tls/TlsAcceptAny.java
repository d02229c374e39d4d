package dev.mailflow.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets every server certificate through the handshake so that {@link TlsInspector} can report it;
 * the verdict comes afterwards from the real trust manager. Extended on purpose: the JDK wraps a
 * plain {@code X509TrustManager} in checks of its own (algorithm constraints) that would abort the
 * handshake on, say, a SHA-1 certificate we want to show.
 */
final class TlsAcceptAny extends X509ExtendedTrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    // A client's trust manager: it is never asked about a client's certificate, and would not let one through.
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw notForClients();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw notForClients();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw notForClients();
    }

    private static CertificateException notForClients() {
        return new CertificateException("mailflow accepts any certificate from servers only, never from clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** Client sockets that complete any handshake whatever certificate the server shows. */
    static SSLSocketFactory socketFactory() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TlsAcceptAny()}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException broken) {
            throw new IllegalStateException("the JVM offers no TLS", broken);
        }
    }
}
