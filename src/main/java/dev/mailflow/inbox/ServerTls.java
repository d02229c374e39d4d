package dev.mailflow.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The listener's STARTTLS certificate: the configured key store, or a self-signed one for the
 * mailbox domain made at start. Senders to an MX do not check certificates unless the domain
 * publishes MTA-STS or DANE (RFC 7435, opportunistic TLS), so a self-signed one shows what TLS they
 * negotiate; a configured one also satisfies those that check.
 */
final class ServerTls {

    private ServerTls() {}

    static SSLContext context(InboxProperties.Tls tls, String hostName) {
        try {
            KeyStore store;
            char[] password;
            if (tls.keyStore().isEmpty()) {
                password = "inbox".toCharArray();
                store = selfSigned(hostName, password);
            } else {
                password = tls.keyStorePassword().toCharArray();
                store = KeyStore.getInstance(tls.keyStoreType());
                try (InputStream in = open(tls.keyStore())) {
                    store.load(in, password);
                }
            }
            var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            var context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(
                    "mailflow.inbox.tls: cannot use "
                            + (tls.keyStore().isEmpty() ? "a generated certificate" : tls.keyStore()) + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            var in = ServerTls.class.getResourceAsStream(
                    "/" + location.substring("classpath:".length()).replaceFirst("^/", ""));
            if (in == null) {
                throw new IOException(location + " not found");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location.startsWith("file:") ? location.substring(5) : location));
    }

    private static KeyStore selfSigned(String hostName, char[] password)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var keys = generator.generateKeyPair();
        var name = new X500Name("CN=" + hostName);
        var now = Instant.now();
        var holder = new JcaX509v3CertificateBuilder(
                        name,
                        new BigInteger(64, new SecureRandom()),
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(Duration.ofDays(365))),
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
        store.setKeyEntry("inbox", keys.getPrivate(), password, new Certificate[] {certificate});
        return store;
    }
}
