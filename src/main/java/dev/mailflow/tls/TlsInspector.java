package dev.mailflow.tls;

import dev.mailflow.text.AddressText;
import dev.mailflow.text.UntrustedText;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Does a session's TLS handshake with any certificate accepted, then judges that certificate
 * separately, so a broken certificate is reported instead of hiding behind a handshake error.
 *
 * <p>Facts it writes: dates as ISO-8601 instants, subjects and issuers in RFC 2253 form, SANs as
 * {@code DNS:name} / {@code IP:address}, SHA-256 fingerprints as upper-case hex pairs joined by colons
 * (as {@code openssl x509 -fingerprint -sha256} prints them). Trust problems read "self-signed",
 * "unknown issuer", "missing intermediate certificate", "expired", "not yet valid", "expired
 * intermediate certificate", "no certificate" or "not trusted: " plus the validator's reason.
 */
public final class TlsInspector implements TlsHandshaker {

    private static final int MAX_CHAIN = 10;
    private static final int MAX_NAMES = 100;
    private static final int MAX_TEXT = 512;
    private static final long SECONDS_PER_DAY = 86_400;

    private final CertificateVerdicts verdicts;
    private final Clock clock;
    private final SSLSocketFactory sockets;

    /** Judges certificates with {@code trust}; null means the JVM's default trust store. */
    public TlsInspector(X509TrustManager trust) {
        this(trust, Clock.systemUTC());
    }

    public TlsInspector(X509TrustManager trust, Clock clock) {
        this.verdicts = new CertificateVerdicts(trust == null ? CertificateVerdicts.jvmDefaultTrust() : trust);
        this.clock = clock;
        this.sockets = TlsAcceptAny.socketFactory();
    }

    /**
     * Handshakes as a client over {@code plain}. Each read waits at most {@code timeout} and the whole
     * handshake is cut off after it too, so a server dripping bytes cannot stall the session. On
     * failure the socket is closed and the exception (a {@link SocketTimeoutException} when out of
     * time) goes to the caller, who passes it to {@link #failure}.
     */
    @Override
    public SSLSocket handshake(Socket plain, String serverName, Duration timeout) throws IOException {
        String host = serverName == null || serverName.isBlank()
                ? AddressText.of(plain.getInetAddress())
                : withoutTrailingDot(serverName.strip());
        SSLSocket tls = (SSLSocket) sockets.createSocket(plain, host, plain.getPort(), true);
        tls.setUseClientMode(true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(serverNameIndication(host));
        // We judge the host name ourselves (RFC 6125) and report it; refusing here would hide the facts.
        parameters.setEndpointIdentificationAlgorithm(null);
        tls.setSSLParameters(parameters);

        int previousTimeout = plain.getSoTimeout();
        tls.setSoTimeout((int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE));
        AtomicBoolean settled = new AtomicBoolean();
        Thread deadline = Thread.ofVirtual().name("tls-deadline").start(() -> {
            try {
                Thread.sleep(timeout);
                if (settled.compareAndSet(false, true)) {
                    // The plain socket, not the TLS one: closing it unblocks the read without TLS locks.
                    plain.close();
                }
            } catch (InterruptedException | IOException finishedInTime) {
                // nothing to cut off
            }
        });
        try {
            tls.startHandshake();
            if (!settled.compareAndSet(false, true)) {
                throw outOfTime(timeout, null);
            }
            tls.setSoTimeout(previousTimeout);
            return tls;
        } catch (IOException | RuntimeException failed) {
            boolean cutOff = !settled.compareAndSet(false, true);
            tls.close();
            if (cutOff) {
                throw outOfTime(timeout, failed);
            }
            throw failed;
        } finally {
            deadline.interrupt();
        }
    }

    @Override
    public TlsFacts facts(SSLSession session, String serverName) {
        String protocol = session.getProtocol();
        String cipherSuite = session.getCipherSuite();
        List<X509Certificate> chain = peerChain(session);
        if (chain.isEmpty()) {
            return new TlsFacts(
                    protocol, cipherSuite, List.of(), false, CertificateVerdicts.NO_CERTIFICATE, null, null, null);
        }
        Instant now = clock.instant();
        X509Certificate leaf = chain.getFirst();
        String problem =
                verdicts.problem(chain.toArray(X509Certificate[]::new), CertificateVerdicts.authType(cipherSuite), now);
        Boolean hostnameMatches = serverName == null || serverName.isBlank()
                ? null
                : CertificateNames.of(leaf).matches(serverName);
        long daysUntilExpiry = Math.floorDiv(
                Duration.between(now, leaf.getNotAfter().toInstant()).toSeconds(), SECONDS_PER_DAY);
        List<TlsFacts.CertificateFacts> described =
                chain.stream().limit(MAX_CHAIN).map(TlsInspector::describe).toList();
        return new TlsFacts(
                protocol, cipherSuite, described, problem == null, problem, hostnameMatches, daysUntilExpiry, null);
    }

    /** Facts of a failed handshake: nothing is known about the certificate, only why it failed. */
    @Override
    public TlsFacts failure(String serverName, Exception cause) {
        return new TlsFacts(null, null, List.of(), false, null, null, null, TlsFailures.sentence(cause));
    }

    private static List<X509Certificate> peerChain(SSLSession session) {
        try {
            Certificate[] certificates = session.getPeerCertificates();
            return certificates == null ? List.of() : CertificateVerdicts.x509(certificates);
        } catch (SSLPeerUnverifiedException anonymous) {
            return List.of();
        }
    }

    static TlsFacts.CertificateFacts describe(X509Certificate certificate) {
        List<String> names = CertificateNames.of(certificate).subjectAltNames().stream()
                .limit(MAX_NAMES)
                .map(name -> UntrustedText.shown(name, MAX_TEXT))
                .toList();
        return new TlsFacts.CertificateFacts(
                UntrustedText.shown(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253), MAX_TEXT),
                UntrustedText.shown(certificate.getIssuerX500Principal().getName(X500Principal.RFC2253), MAX_TEXT),
                names,
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                sha256(certificate),
                hex(certificate.getPublicKey().getEncoded()),
                certificate.getSerialNumber().toString(16));
    }

    static String sha256(X509Certificate certificate) {
        try {
            return hex(certificate.getEncoded());
        } catch (GeneralSecurityException unreadable) {
            return null;
        }
    }

    private static String hex(byte[] encoded) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException noSha256) {
            return null;
        }
    }

    private static List<javax.net.ssl.SNIServerName> serverNameIndication(String host) {
        // RFC 6066 §3: a literal IPv4 or IPv6 address is not permitted in "HostName".
        if (CertificateNames.ipLiteral(host) != null) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(host));
        } catch (IllegalArgumentException notAHostName) {
            // e.g. an underscore, legal in DNS but not in SNI; handshake without the hint.
            return List.of();
        }
    }

    private static SocketTimeoutException outOfTime(Duration timeout, Exception cause) {
        SocketTimeoutException late = new SocketTimeoutException("TLS handshake did not finish within "
                + timeout.toString().substring(2).toLowerCase(Locale.ROOT));
        late.initCause(cause);
        return late;
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
