package dev.mailflow.tls;

import java.time.Instant;
import java.util.List;

/**
 * What a TLS handshake negotiated and how the server's certificate fares. The handshake accepts any
 * certificate so that it can be reported; the verdicts are computed separately.
 *
 * @param trustProblem null when trusted, else why not (self-signed, unknown issuer, expired...)
 * @param hostnameMatches whether the leaf certificate names the MX host (null when not checked)
 * @param daysUntilExpiry days until the leaf certificate expires (negative when expired)
 * @param failure null when the handshake succeeded, else the reason it failed
 */
public record TlsFacts(
        String protocol,
        String cipherSuite,
        List<CertificateFacts> chain,
        boolean trusted,
        String trustProblem,
        Boolean hostnameMatches,
        Long daysUntilExpiry,
        String failure) {

    public TlsFacts {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    /**
     * @param sha256 the SHA-256 of the whole certificate, {@code AB:CD:...}
     * @param spkiSha256 the SHA-256 of its SubjectPublicKeyInfo, in the same form (what DANE "3 1 1"
     *     TLSA records pin, RFC 6698 §2.1.2)
     * @param serialNumber the serial number in lower-case hex, as blackbox_exporter labels it
     */
    public record CertificateFacts(
            String subject,
            String issuer,
            List<String> subjectAltNames,
            Instant notBefore,
            Instant notAfter,
            String sha256,
            String spkiSha256,
            String serialNumber) {}
}
