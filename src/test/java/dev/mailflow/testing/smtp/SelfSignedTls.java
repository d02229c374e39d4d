package dev.mailflow.testing.smtp;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A server-side TLS context with a fresh self-signed certificate, for STARTTLS and implicit TLS in tests. */
public final class SelfSignedTls {

    private SelfSignedTls() {}

    /** A context whose certificate names {@code hostName} (subject CN and DNS subjectAltName), valid for a day. */
    public static SSLContext serverContext(String hostName) {
        try {
            char[] password = "test".toCharArray();
            var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore(hostName, password), password);
            var context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("could not make a self-signed certificate", e);
        }
    }

    /** A PKCS12 key store with one key entry, {@code server}, and its self-signed certificate for {@code hostName}. */
    public static KeyStore keyStore(String hostName, char[] password) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var keys = generator.generateKeyPair();
            var name = new X500Name("CN=" + hostName);
            var now = Instant.now();
            var holder = new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(Duration.ofHours(1))),
                            Date.from(now.plus(Duration.ofDays(90))),
                            name,
                            keys.getPublic())
                    .addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, hostName)))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            var certificate = new JcaX509CertificateConverter().getCertificate(holder);
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    "server", keys.getPrivate(), password, new java.security.cert.Certificate[] {certificate});
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("could not make a self-signed certificate", e);
        }
    }
}
