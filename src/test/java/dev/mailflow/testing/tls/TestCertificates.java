package dev.mailflow.testing.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made while a test runs (BouncyCastle, EC P-256, so a few milliseconds each): a test CA,
 * intermediates, leaves for given names and validity, self-signed and expired ones, and the key
 * stores, trust managers and {@link SSLContext}s that TLS servers and clients in tests need.
 *
 * <pre>{@code
 * TestCertificates ca = TestCertificates.authority();
 * TestCertificates.Credential server = ca.leaf("mx.example.test");
 * SSLContext serverTls = server.serverContext();       // SSLServerSocket, or subethasmtp STARTTLS
 * X509TrustManager trust = ca.trustManager();           // trusts this CA and nothing else
 * }</pre>
 *
 * For subethasmtp STARTTLS: {@code SMTPServer.port(0).enableTLS().startTlsSocketFactory(serverTls)};
 * for implicit TLS (port 465 style): {@code .serverSocketFactory(serverTls)}.
 * Names that are IP literals ("127.0.0.1", "::1") become iPAddress SANs, others dNSName SANs.
 */
public final class TestCertificates {

    /** Password of every key store made here. */
    public static final char[] PASSWORD = "changeit".toCharArray();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final KeyPair keys;
    private final X509Certificate certificate;
    /** The certificates a server sends above its leaf: this authority and any intermediates below the root. */
    private final List<X509Certificate> sentAbove;

    private TestCertificates(KeyPair keys, X509Certificate certificate, List<X509Certificate> sentAbove) {
        this.keys = keys;
        this.certificate = certificate;
        this.sentAbove = List.copyOf(sentAbove);
    }

    /** A new root CA named "mailflow test CA". */
    public static TestCertificates authority() {
        return authority("mailflow test CA");
    }

    public static TestCertificates authority(String commonName) {
        KeyPair keys = newKeys();
        Instant now = now();
        X509Certificate root = sign(
                builder(dn(commonName), dn(commonName), keys, now.minus(days(1)), now.plus(days(3650)))
                        .ca(keys.getPublic()),
                keys.getPrivate());
        return new TestCertificates(keys, root, List.of());
    }

    /** An intermediate CA signed by this one; its leaves are sent with the intermediate in their chain. */
    public TestCertificates intermediate(String commonName) {
        KeyPair child = newKeys();
        Instant now = now();
        X509Certificate issued = sign(
                builder(subject(), dn(commonName), child, now.minus(days(1)), now.plus(days(1825)))
                        .ca(child.getPublic()),
                keys.getPrivate());
        List<X509Certificate> above = new ArrayList<>();
        above.add(issued);
        above.addAll(sentAbove);
        return new TestCertificates(child, issued, above);
    }

    /**
     * This authority's name and key certified by {@code issuer} for the given period: the cross-signed
     * certificate some servers send after their chain, to test chains that hold a stale extra one.
     */
    public X509Certificate crossSignedBy(TestCertificates issuer, Instant notBefore, Instant notAfter) {
        return sign(
                builder(issuer.subject(), subject(), keys, notBefore, notAfter).ca(keys.getPublic()),
                issuer.keys.getPrivate());
    }

    /** This authority's own certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** A leaf for {@code names} (the first is also the CN), valid from yesterday for 90 days. */
    public Credential leaf(String... names) {
        Instant now = now();
        return leaf(List.of(names), now.minus(days(1)), now.plus(days(90)));
    }

    public Credential leaf(List<String> names, Instant notBefore, Instant notAfter) {
        return leaf(names.isEmpty() ? "no name" : names.getFirst(), names, notBefore, notAfter);
    }

    /** The general form: any CN, any SANs (empty: no SAN extension at all), any validity. */
    public Credential leaf(String commonName, List<String> names, Instant notBefore, Instant notAfter) {
        KeyPair leafKeys = newKeys();
        X509Certificate leaf = sign(
                builder(subject(), dn(commonName), leafKeys, notBefore, notAfter)
                        .leaf(names),
                keys.getPrivate());
        return new Credential(
                leafKeys.getPrivate(),
                Stream.concat(Stream.of(leaf), sentAbove.stream()).toList());
    }

    /** A leaf that expired yesterday, after 90 days. */
    public Credential expiredLeaf(String... names) {
        Instant now = now();
        return leaf(List.of(names), now.minus(days(91)), now.minus(days(1)));
    }

    /** A valid leaf for a name no test server is reached by. */
    public Credential wrongNameLeaf() {
        return leaf("wrong-name.invalid");
    }

    /** A leaf issued by itself for {@code names}, valid from yesterday for 90 days. */
    public static Credential selfSigned(String... names) {
        KeyPair keys = newKeys();
        Instant now = now();
        String commonName = names.length == 0 ? "self-signed" : names[0];
        X509Certificate self = sign(
                builder(dn(commonName), dn(commonName), keys, now.minus(days(1)), now.plus(days(90)))
                        .leaf(List.of(names)),
                keys.getPrivate());
        return new Credential(keys.getPrivate(), List.of(self));
    }

    /** A trust store holding this authority's certificate only. */
    public KeyStore trustStore() {
        try {
            KeyStore store = emptyStore();
            store.setCertificateEntry("test-ca", certificate);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKIX trust manager that trusts this authority and nothing else (not the JVM's CAs). */
    public X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(trustStore());
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client {@link SSLContext} that trusts only this authority. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server's private key and the chain it sends, leaf first.
     *
     * @param chain the leaf, then the intermediates a correctly configured server sends
     */
    public record Credential(PrivateKey privateKey, List<X509Certificate> chain) {

        public Credential {
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return chain.getFirst();
        }

        /** The same leaf sent alone, as a server that forgot its intermediate does. */
        public Credential leafOnly() {
            return new Credential(privateKey, List.of(certificate()));
        }

        /**
         * The same chain with more certificates sent after it (e.g. the root, or a cross-signed CA);
         * each must be the issuer of the one before, or key stores refuse the chain.
         */
        public Credential sendingAlso(X509Certificate... more) {
            return new Credential(
                    privateKey, Stream.concat(chain.stream(), Stream.of(more)).toList());
        }

        /** A PKCS#12 key store with this key and chain under alias "server", password {@link #PASSWORD}. */
        public KeyStore keyStore() {
            try {
                KeyStore store = emptyStore();
                store.setKeyEntry("server", privateKey, PASSWORD, chain.toArray(Certificate[]::new));
                return store;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public KeyManager[] keyManagers() {
            try {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keyStore(), PASSWORD);
                return factory.getKeyManagers();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A server {@link SSLContext} presenting this credential; no client certificates asked. */
        public SSLContext serverContext() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private X500Principal subject() {
        return certificate.getSubjectX500Principal();
    }

    private static Draft builder(
            X500Principal issuer, X500Principal subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
        return new Draft(new JcaX509v3CertificateBuilder(
                issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic()));
    }

    /** A certificate being built; adds the extensions of a CA or of a TLS server leaf. */
    private record Draft(X509v3CertificateBuilder builder) {

        Draft ca(PublicKey key) {
            try {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                builder.addExtension(
                        Extension.subjectKeyIdentifier,
                        false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
                return this;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        Draft leaf(List<String> names) {
            try {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                if (!names.isEmpty()) {
                    GeneralName[] entries =
                            names.stream().map(TestCertificates::generalName).toArray(GeneralName[]::new);
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(entries));
                }
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static GeneralName generalName(String name) {
        boolean literal = IPV4.matcher(name).matches() || name.contains(":");
        return new GeneralName(literal ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }

    private static X509Certificate sign(Draft draft, PrivateKey issuerKey) {
        try {
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter()
                    .getCertificate(draft.builder().build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X500Principal dn(String commonName) {
        return new X500Principal("CN=" + Rdn.escapeValue(commonName) + ",O=mailflow tests");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }
}
