package dev.mailflow.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
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

    /**
     * On a virtual thread Exposition writes a few lines at a time (see its comment); the bytes must
     * be the library's for all families at once, also with families far past the 512 chars of a
     * virtual thread's first buffer (cut into parts), a label value replaced by a later sample, and
     * the vantage label.
     */
    @Test
    void writesPieceByPieceTheBytesTheLibraryWritesInOneGo() throws Exception {
        var registry = registry();
        registry.add("probe_smtp_outcome_info", 0.5, "outcome", "BOUNCE");
        var vantaged = new ScrapeRegistry("eu-west");
        vantaged.gauge("probe_smtp_phase_duration_seconds", "Time of each SMTP phase");
        for (var mx : new String[] {"mx2.example.test", "mx1.example.test"}) {
            for (var phase : new String[] {"CONNECT", "BANNER", "EHLO", "STARTTLS", "MAIL", "RCPT", "QUIT"}) {
                vantaged.add(
                        "probe_smtp_phase_duration_seconds", 0.0012, "mx", mx, "address", "192.0.2.1", "phase", phase);
            }
        }
        vantaged.info("probe_tls_version_info", "TLS version", "version", "TLS 1.3");
        var openMetrics = "application/openmetrics-text;version=1.0.0";
        assertThat(Exposition.of(vantaged.snapshots(), null).body())
                .as("on a platform thread, in one go")
                .isEqualTo(inOneGo(PrometheusTextFormatWriter.create(), vantaged));
        try (var virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            // As requests are served: on a virtual thread (get() rethrows a failed assertion).
            virtual.submit(() -> {
                        for (var each : new ScrapeRegistry[] {registry, vantaged}) {
                            assertThat(Exposition.of(each.snapshots(), null).body())
                                    .isEqualTo(inOneGo(PrometheusTextFormatWriter.create(), each));
                            assertThat(Exposition.of(each.snapshots(), openMetrics)
                                            .body())
                                    .isEqualTo(inOneGo(OpenMetricsTextFormatWriter.create(), each));
                        }
                        return null;
                    })
                    .get();
        }
        assertThat(write(null)).contains("probe_smtp_outcome_info{outcome=\"BOUNCE\"} 0.0");
        assertThat(new String(Exposition.of(registry.snapshots(), null).body(), StandardCharsets.UTF_8))
                .contains("probe_smtp_outcome_info{outcome=\"BOUNCE\"} 0.5")
                .doesNotContain("probe_smtp_outcome_info{outcome=\"BOUNCE\"} 0.0");
        assertThat(Exposition.text(vantaged.snapshots()))
                .contains("probe_smtp_phase_duration_seconds{address=\"192.0.2.1\",mx=\"mx1.example.test\","
                        + "phase=\"BANNER\",vantage=\"eu-west\"} 0.0012");
    }

    private static byte[] inOneGo(ExpositionFormatWriter writer, ScrapeRegistry registry) {
        var out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.snapshots());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
