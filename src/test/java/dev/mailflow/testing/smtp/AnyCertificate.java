package dev.mailflow.testing.smtp;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/** Trusts every certificate: test clients talking TLS to test servers with self-signed certificates. */
public final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
