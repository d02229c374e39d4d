package dev.mailflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Lints and renders the chart under helm/ with Helm itself (helm-java embeds it). */
class HelmChartTest {

    private final Helm chart = new Helm(Path.of("helm/mailflow"));

    @Test
    void chartLintsCleanly() {
        var result = chart.lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    @Test
    void defaultsAreLockedDown() {
        var rendered = chart.template().withName("mf").call();

        assertThat(rendered)
                .contains("runAsNonRoot: true")
                .contains("readOnlyRootFilesystem: true")
                .contains("allowPrivilegeEscalation: false")
                .contains("- ALL")
                .contains("automountServiceAccountToken: false")
                .contains("path: /actuator/health/liveness")
                .contains("path: /actuator/health/readiness")
                .doesNotContain("kind: ServiceMonitor")
                .doesNotContain("kind: Probe")
                .doesNotContain("kind: PrometheusRule")
                .doesNotContain("grafana_dashboard");
    }

    @Test
    void settingsBecomeEnvironmentAndMonitoringIsOptIn() {
        var rendered = chart.template()
                .withName("mf")
                .set("env.MAILFLOW_DNS_SERVERS", "10.0.0.53")
                .set("serviceMonitor.enabled", "true")
                .set("serviceMonitor.basicAuthSecret", "mailflow-scrape")
                .call();

        assertThat(rendered)
                .contains("name: MAILFLOW_DNS_SERVERS")
                .contains("value: \"10.0.0.53\"")
                .contains("kind: ServiceMonitor")
                .contains("path: /actuator/prometheus")
                .contains("basicAuth:")
                .contains("name: mailflow-scrape");
    }

    @Test
    void theProbeAsksMailflowAboutEachTargetWithATokenFromASecret() {
        var rendered = chart.template()
                .withName("mf")
                .withNamespace("mail")
                .set("probe.enabled", "true")
                .set("probe.module", "smtp_starttls")
                .set("probe.targets[0]", "example.com")
                .set("probe.targets[1]", "mx1.example.net:25")
                .set("probe.tokenSecret", "mailflow-prober")
                .call();

        assertThat(rendered)
                .contains("kind: Probe")
                .contains("url: mf-mailflow.mail.svc:8080")
                .contains("path: /probe")
                .contains("module: smtp_starttls")
                .contains("scrapeTimeout: 30s")
                .contains("- example.com")
                .contains("- mx1.example.net:25")
                .contains("type: Bearer")
                .contains("name: mailflow-prober")
                .contains("key: token");
    }

    @Test
    void aProbeWithoutTargetsIsRefused() {
        assertThatThrownBy(() -> chart.template()
                        .withName("mf")
                        .set("probe.enabled", "true")
                        .call())
                .hasMessageContaining("probe.targets");
    }

    @Test
    void theAlertRulesAndTheDashboardComeFromTheRepositorysFiles() throws Exception {
        var rendered = chart.template()
                .withName("mf")
                .set("prometheusRule.enabled", "true")
                .set("grafanaDashboard.enabled", "true")
                .set("serviceMonitor.enabled", "true")
                .set("serviceMonitor.tokenSecret", "mailflow-scrape-token")
                .call();

        assertThat(rendered)
                .contains("kind: PrometheusRule")
                .contains("alert: MailflowMxUnreachable")
                .contains("alert: MailflowCertificateExpiresSoon")
                .contains("alert: MailflowStarttlsMissing")
                .contains("alert: MailflowNotDeliverable")
                // Prometheus' own template syntax reaches the rule untouched by Helm
                .contains("{{ $labels.mx }}")
                .contains("grafana_dashboard: \"1\"")
                .contains("\"uid\": \"mailflow-smtp\"")
                .contains("name: mailflow-scrape-token");
        var rules = Files.readString(Path.of("helm/mailflow/files/mailflow-alerts.rules.yml"));
        assertThat(rules).contains("probe_ssl_earliest_cert_expiry - time() < 14 * 86400");
    }
}
