package dev.mailflow.tls;

import dev.mailflow.text.UntrustedText;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Whether a server's chain is trusted, and if not, why, in the words a mail administrator uses. The
 * texts are stable: diagnosis and the views may match on them.
 */
final class CertificateVerdicts {

    static final String NO_CERTIFICATE = "no certificate";
    static final String EXPIRED = "expired";
    static final String NOT_YET_VALID = "not yet valid";
    static final String INTERMEDIATE_EXPIRED = "expired intermediate certificate";
    static final String SELF_SIGNED = "self-signed";
    static final String MISSING_INTERMEDIATE = "missing intermediate certificate";
    static final String UNKNOWN_ISSUER = "unknown issuer";
    static final String NOT_TRUSTED = "not trusted: ";

    private final X509TrustManager trust;

    CertificateVerdicts(X509TrustManager trust) {
        this.trust = trust;
    }

    /**
     * Null when the chain is trusted, else the problem. The leaf's validity is judged first, against
     * {@code now}, so that an expired certificate reads "expired" rather than whatever the trust
     * manager says.
     */
    String problem(X509Certificate[] chain, String authType, Instant now) {
        if (chain.length == 0) {
            return NO_CERTIFICATE;
        }
        X509Certificate leaf = chain[0];
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return EXPIRED;
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return NOT_YET_VALID;
        }
        try {
            trust.checkServerTrusted(chain.clone(), authType);
            return null;
        } catch (CertificateException | RuntimeException rejected) {
            return why(chain, rejected, now);
        }
    }

    private String why(X509Certificate[] chain, Exception rejected, Instant now) {
        X509Certificate leaf = chain[0];
        if (isSelfSigned(leaf)) {
            return SELF_SIGNED;
        }
        // Asked only now: servers often send a stale extra certificate (an old cross-signed root)
        // that a validator simply skips, and that alone is no reason to distrust the chain.
        for (int i = 1; i < chain.length; i++) {
            if (now.isAfter(chain[i].getNotAfter().toInstant())) {
                return INTERMEDIATE_EXPIRED;
            }
        }
        X509Certificate top = chain[chain.length - 1];
        if (!isKnownIssuer(top.getIssuerX500Principal())) {
            // A lone leaf whose issuer the store lacks: the server most likely forgot to send the
            // intermediate CA certificate (RFC 8446 §4.4.2 makes sending the chain the server's job).
            return chain.length == 1 ? MISSING_INTERMEDIATE : UNKNOWN_ISSUER;
        }
        String reason = rejected.getMessage() == null ? rejected.getClass().getSimpleName() : rejected.getMessage();
        return NOT_TRUSTED + UntrustedText.shown(reason, 200);
    }

    private boolean isKnownIssuer(X500Principal issuer) {
        X509Certificate[] accepted = trust.getAcceptedIssuers();
        return accepted != null
                && Arrays.stream(accepted)
                        .anyMatch(ca -> ca.getSubjectX500Principal().equals(issuer));
    }

    /** Issued by itself: same subject and issuer, and the signature checks out with its own key. */
    static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException notByItself) {
            return false;
        }
    }

    /**
     * The authType for {@link X509TrustManager#checkServerTrusted}: the key exchange of a TLS 1.2
     * suite ("ECDHE_RSA" from TLS_ECDHE_RSA_WITH_...), and "UNKNOWN" for TLS 1.3 suites, which
     * name none (RFC 8446 §B.4); with "UNKNOWN" the JDK trust manager asks only for a signing key.
     */
    static String authType(String cipherSuite) {
        if (cipherSuite == null) {
            return "UNKNOWN";
        }
        int with = cipherSuite.indexOf("_WITH_");
        return cipherSuite.startsWith("TLS_") && with > 4 ? cipherSuite.substring(4, with) : "UNKNOWN";
    }

    static List<X509Certificate> x509(java.security.cert.Certificate[] certificates) {
        return Arrays.stream(certificates)
                .filter(X509Certificate.class::isInstance)
                .map(X509Certificate.class::cast)
                .toList();
    }

    /** The JVM's default trust manager (its cacerts, or javax.net.ssl.trustStore when set). */
    static X509TrustManager jvmDefaultTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JVM offers no X.509 trust manager");
        } catch (GeneralSecurityException broken) {
            throw new IllegalStateException("cannot load the JVM's trust store", broken);
        }
    }
}
