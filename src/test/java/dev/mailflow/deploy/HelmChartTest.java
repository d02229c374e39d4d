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
    void byDefaultRunsGoToTheEmbeddedDatabaseOnAnEmptyDirAndPersistenceMakesAClaim() {
        var ephemeral = chart.template().withName("mf").call();
        assertThat(ephemeral)
                .contains("name: MAILFLOW_HISTORY_DIR", "value: /data", "mountPath: /data")
                .doesNotContain("SPRING_DATASOURCE_URL", "kind: PersistentVolumeClaim", "kind: Secret");

        var persistent = chart.template()
                .withName("mf")
                .set("persistence.enabled", "true")
                .set("persistence.size", "5Gi")
                .call();
        assertThat(persistent)
                .contains("kind: PersistentVolumeClaim", "storage: 5Gi", "claimName: mf-mailflow-data")
                .contains("type: Recreate");
    }

    @Test
    void twoReplicasUsePostgresWithCredentialsFromASecret() {
        var made = chart.template()
                .withName("mf")
                .set("replicaCount", "2")
                .set("database.url", "jdbc:postgresql://db:5432/mailflow")
                .set("database.username", "mailflow")
                .set("database.password", "s3cret")
                .call();
        assertThat(made)
                .contains("replicas: 2")
                .contains("name: SPRING_DATASOURCE_URL", "value: \"jdbc:postgresql://db:5432/mailflow\"")
                .contains("name: SPRING_DATASOURCE_PASSWORD", "secretKeyRef:", "name: mf-mailflow-database")
                .contains("kind: Secret", "password: \"s3cret\"")
                .doesNotContain("MAILFLOW_HISTORY_DIR", "kind: PersistentVolumeClaim", "type: Recreate");

        var existing = chart.template()
                .withName("mf")
                .set("replicaCount", "2")
                .set("database.url", "jdbc:postgresql://db:5432/mailflow")
                .set("database.existingSecret", "team-db")
                .call();
        assertThat(existing).contains("name: team-db").doesNotContain("kind: Secret");
    }

    @Test
    void aWorkerDeploymentChecksAsItsOwnVantageFromTheSharedDatabaseWithoutTheWeb() {
        var rendered = chart.template()
                .withName("mf")
                .set("replicaCount", "0")
                .set("database.url", "jdbc:postgresql://db:5432/mailflow")
                .set("database.existingSecret", "team-db")
                .set("worker.enabled", "true")
                .set("worker.vantage", "eu-west")
                .set("worker.replicaCount", "2")
                .set("worker.sourceAddress", "203.0.113.5")
                .set("env.MAILFLOW_DNS_SERVERS", "10.0.0.53")
                .call();

        var worker = rendered.substring(rendered.indexOf("name: mf-mailflow-worker"));
        assertThat(worker)
                .contains("replicas: 2")
                .contains("app.kubernetes.io/name: mailflow-worker")
                .contains("name: MAILFLOW_VANTAGE_NAME", "value: \"eu-west\"")
                .contains("name: MAILFLOW_VANTAGE_WEB", "value: \"false\"")
                .contains("name: MAILFLOW_EGRESS_SOURCE_ADDRESS", "value: \"203.0.113.5\"")
                .contains("name: SPRING_DATASOURCE_URL", "name: team-db")
                .contains("name: MAILFLOW_DNS_SERVERS")
                .contains("readOnlyRootFilesystem: true", "runAsNonRoot: true")
                .doesNotContain("MAILFLOW_HISTORY_DIR");
        assertThat(rendered)
                .contains("replicas: 0")
                .doesNotContain("kind: Service\nmetadata:\n  name: mf-mailflow-worker");
        assertThat(chart.template().withName("mf").call()).doesNotContain("mailflow-worker", "MAILFLOW_VANTAGE");
        assertThat(chart.template()
                        .withName("mf")
                        .set("vantage.name", "central")
                        .call())
                .contains("name: MAILFLOW_VANTAGE_NAME", "value: \"central\"");
    }

    @Test
    void aWorkerWithoutPostgresOrAVantageNameIsRefused() {
        assertThatThrownBy(() -> chart.template()
                        .withName("mf")
                        .set("worker.enabled", "true")
                        .set("worker.vantage", "eu-west")
                        .call())
                .hasMessageContaining("worker.enabled needs PostgreSQL");
        assertThatThrownBy(() -> chart.template()
                        .withName("mf")
                        .set("database.url", "jdbc:postgresql://db:5432/mailflow")
                        .set("worker.enabled", "true")
                        .call())
                .hasMessageContaining("worker.enabled needs worker.vantage");
    }

    @Test
    void moreThanOneReplicaWithoutPostgresIsRefused() {
        assertThatThrownBy(() ->
                        chart.template().withName("mf").set("replicaCount", "2").call())
                .hasMessageContaining("replicaCount > 1 needs PostgreSQL");
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
