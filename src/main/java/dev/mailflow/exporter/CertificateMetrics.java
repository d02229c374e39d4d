package dev.mailflow.exporter;

import dev.mailflow.tls.TlsFacts;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * blackbox_exporter's certificate metrics, written whenever a handshake completed, trusted or not:
 * the certificate is the thing to watch when it is the problem (blackbox_exporter drops them when
 * verification fails). The earliest expiry covers every certificate any MX presented; the chain
 * metrics describe the first MX address (in preference order) that completed a handshake.
 */
@Component
class CertificateMetrics implements ScrapeMetrics {

    @Override
    public void write(Scrape scrape, ScrapeRegistry registry) {
        var chains = scrape.sessions().stream()
                .map(s -> s.result() == null ? null : s.result().tls())
                .filter(Objects::nonNull)
                .filter(tls -> tls.failure() == null && !tls.chain().isEmpty())
                .toList();
        if (chains.isEmpty()) {
            return;
        }
        chains.stream()
                .flatMap(tls -> tls.chain().stream())
                .mapToLong(c -> c.notAfter().getEpochSecond())
                .min()
                .ifPresent(earliest -> registry.set(
                        "probe_ssl_earliest_cert_expiry",
                        "Earliest expiry of any certificate any MX presented, trusted or not, in Unix time",
                        earliest));
        var first = chains.getFirst();
        first.chain().stream()
                .mapToLong(c -> c.notAfter().getEpochSecond())
                .min()
                .ifPresent(earliest -> registry.set(
                        "probe_ssl_last_chain_expiry_timestamp_seconds",
                        "Earliest expiry in the chain of the first MX address that completed a handshake, in Unix time",
                        earliest));
        var leaf = first.chain().getFirst();
        registry.info(
                "probe_ssl_last_chain_info",
                "The leaf certificate of that chain, trusted or not",
                "fingerprint_sha256",
                fingerprint(leaf),
                "subject",
                leaf.subject(),
                "issuer",
                leaf.issuer(),
                "subjectalternative",
                String.join(",", leaf.subjectAltNames()),
                "serialnumber",
                leaf.serialNumber());
        if (first.protocol() != null) {
            registry.info(
                    "probe_tls_version_info",
                    "The TLS version negotiated with that address",
                    "version",
                    version(first.protocol()));
        }
    }

    /** blackbox_exporter's form: lower-case hex without separators. */
    private static String fingerprint(TlsFacts.CertificateFacts certificate) {
        return certificate.sha256() == null
                ? ""
                : certificate.sha256().replace(":", "").toLowerCase(Locale.ROOT);
    }

    /** {@code TLSv1.3} as Go names it, {@code TLS 1.3}, so dashboards made for blackbox_exporter work. */
    private static String version(String protocol) {
        return protocol.startsWith("TLSv") ? "TLS " + protocol.substring(4) : protocol;
    }
}
