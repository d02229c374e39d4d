package dev.mailflow.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModulesTest {

    private static ExporterProperties.ModuleSettings settings(Phase quitAfter, List<String> rcptTo, Duration timeout) {
        return new ExporterProperties.ModuleSettings(null, null, quitAfter, null, rcptTo, null, null, timeout, null);
    }

    private static Modules modules(Map<String, ExporterProperties.ModuleSettings> configured) {
        return new Modules(new ExporterProperties(
                configured, new ExporterProperties.Exporter(10, 10, java.time.Duration.ofSeconds(10))));
    }

    @Test
    void theBuiltInModulesAreThereAndAConfiguredOneReplacesItsNamesake() {
        var modules = modules(Map.of("smtp_banner", settings(Phase.EHLO, List.of(), null)));

        assertThat(modules.find("smtp_banner").orElseThrow().quitAfter()).isEqualTo(Phase.EHLO);
        assertThat(modules.find("smtp_rcpt").orElseThrow().rcptTo()).containsExactly("postmaster@{domain}");
        var submission = modules.find("smtp_submission").orElseThrow();
        assertThat(submission.port()).isEqualTo(587);
        assertThat(submission.tls()).isEqualTo(TlsMode.REQUIRED);
        assertThat(modules.find("smtp_starttls").orElseThrow().quitAfter()).isEqualTo(Phase.TLS);
        assertThat(modules.find("http_2xx")).isEmpty();
    }

    @Test
    void postureIsOnForDeliveryAndUserModulesOffForTheFrequentBuiltInOnes() {
        var quiet = new ExporterProperties.ModuleSettings(null, null, null, null, null, null, null, null, false);
        var modules = modules(Map.of("mine", settings(null, null, null), "quiet", quiet));

        assertThat(modules.find("smtp_rcpt").orElseThrow().posture()).isTrue();
        assertThat(modules.find("smtp_banner").orElseThrow().posture()).isFalse();
        assertThat(modules.find("smtp_starttls").orElseThrow().posture()).isFalse();
        assertThat(modules.find("smtp_submission").orElseThrow().posture()).isFalse();
        assertThat(modules.find("mine").orElseThrow().posture()).isTrue();
        assertThat(modules.find("quiet").orElseThrow().posture()).isFalse();
        assertThat(modules.find("quiet").orElseThrow().describe()).contains("\nposture: false\n");
    }

    @Test
    void anInvalidModuleStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> modules(
                        Map.of("bad", settings(Phase.DATA, List.of("not an address", "ok@{domain}"), Duration.ZERO))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mailflow.modules.bad.quit-after")
                .hasMessageContaining("mailflow.modules.bad.rcpt-to[0]")
                .hasMessageNotContaining("rcpt-to[1]")
                .hasMessageContaining("mailflow.modules.bad.timeout");
    }

    @Test
    void theTimeoutIsTheScrapesLessHalfASecondCappedByTheModules() {
        var free = ProbeModule.of("free", settings(null, null, null));
        var capped = ProbeModule.of("capped", settings(null, null, Duration.ofSeconds(5)));

        assertThat(Modules.timeout(free, Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(9500));
        assertThat(Modules.timeout(capped, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(Modules.timeout(capped, Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(2500));
        assertThat(Modules.timeout(capped, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Modules.timeout(free, null)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Modules.timeout(free, Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void targetsAreDomainsUnlessTheyNameAPortOrAreAddresses() {
        assertThat(ScrapeTarget.parse("example.com")).isEqualTo(new ScrapeTarget("example.com", null, false));
        assertThat(ScrapeTarget.parse("mx1.example.com:25")).isEqualTo(new ScrapeTarget("mx1.example.com", 25, true));
        assertThat(ScrapeTarget.parse("192.0.2.10")).isEqualTo(new ScrapeTarget("192.0.2.10", null, true));
        assertThat(ScrapeTarget.parse("[2001:db8::25]:587")).isEqualTo(new ScrapeTarget("2001:db8::25", 587, true));
        assertThat(ScrapeTarget.parse("2001:db8::25")).isEqualTo(new ScrapeTarget("2001:db8::25", null, true));
        assertThat(ScrapeTarget.parse("2001:db8::25").mailDomain()).isEqualTo("[IPv6:2001:db8::25]");
        assertThat(ScrapeTarget.parse("192.0.2.10").mailDomain()).isEqualTo("[192.0.2.10]");
        assertThatThrownBy(() -> ScrapeTarget.parse("host:0")).hasMessageContaining("invalid port");
        assertThatThrownBy(() -> ScrapeTarget.parse("[::1")).hasMessageContaining("without ']'");
    }

    @Test
    void recipientsNameTheTargetsDomain() {
        var rcpt = Modules.BUILT_IN.stream()
                .filter(m -> m.name().equals("smtp_rcpt"))
                .findFirst()
                .orElseThrow();

        assertThat(rcpt.request(ScrapeTarget.parse("example.com")).rcptTo()).containsExactly("postmaster@example.com");
        assertThat(rcpt.request(ScrapeTarget.parse("example.com")).domain()).isEqualTo("example.com");
        var host = rcpt.request(ScrapeTarget.parse("192.0.2.1:2525"));
        assertThat(host.host()).isEqualTo("192.0.2.1");
        assertThat(host.port()).isEqualTo(2525);
        assertThat(host.rcptTo()).containsExactly("postmaster@[192.0.2.1]");
    }
}
