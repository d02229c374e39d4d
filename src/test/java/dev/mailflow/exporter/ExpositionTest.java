package dev.mailflow.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    private static ScrapeRegistry registry() {
        var registry = new ScrapeRegistry(null);
        registry.set("probe_success", "Whether it worked", 1);
        registry.set("probe_ssl_earliest_cert_expiry", "Earliest expiry", Double.POSITIVE_INFINITY);
        registry.gauge("probe_smtp_outcome_info", "The verdict");
        registry.add("probe_smtp_outcome_info", 1, "outcome", "DELIVERABLE");
        registry.add("probe_smtp_outcome_info", 0, "outcome", "BOUNCE");
        registry.set("probe_dnsbl_listed", "Listed", 0, "mx", null, "address", "192.0.2.7");
        registry.info("probe_tls_version_info", "TLS version", "version", "TLS 1.3");
        // A certificate name is written by the server's owner: it must not break the line.
        registry.info("probe_ssl_last_chain_info", "Leaf", "subject", "CN=\"evil\"\n\\x");
        registry.gauge("probe_dane_valid", "No DANE, no series");
        return registry;
    }

    private static String write(String accept) {
        return new String(Exposition.of(registry().snapshots(), accept).body(), StandardCharsets.UTF_8);
    }

    @Test
    void thePrometheusTextFormatWritesInfinityAsTheFormatSaysAndEscapesLabelValues() {
        var exposition = Exposition.of(registry().snapshots(), "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
        assertThat(exposition.contentType()).startsWith("text/plain").contains("version=0.0.4");
        var text = write(null);
        assertThat(text.lines())
                .contains(
                        "# TYPE probe_success gauge",
                        "probe_success 1.0",
                        "probe_ssl_earliest_cert_expiry +Inf",
                        "probe_smtp_outcome_info{outcome=\"BOUNCE\"} 0.0",
                        "probe_smtp_outcome_info{outcome=\"DELIVERABLE\"} 1.0",
                        "probe_dnsbl_listed{address=\"192.0.2.7\",mx=\"\"} 0.0",
                        "# TYPE probe_tls_version_info gauge",
                        "probe_tls_version_info{version=\"TLS 1.3\"} 1",
                        "probe_ssl_last_chain_info{subject=\"CN=\\\"evil\\\"\\n\\\\x\"} 1");
        assertThat(text).doesNotContain("Infinity", "probe_dane_valid", "# EOF");
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() {
        // What Prometheus 3 sends.
        var accept = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;q=0.4,"
                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";
        var exposition = Exposition.of(registry().snapshots(), accept);
        assertThat(exposition.contentType()).startsWith("application/openmetrics-text");
        var text = new String(exposition.body(), StandardCharsets.UTF_8);
        assertThat(text.lines())
                .contains(
                        "probe_ssl_earliest_cert_expiry +Inf",
                        "# TYPE probe_tls_version info",
                        "probe_tls_version_info{version=\"TLS 1.3\"} 1",
                        "probe_smtp_outcome_info{outcome=\"BOUNCE\"} 0.0")
                .endsWith("# EOF");
    }
}
