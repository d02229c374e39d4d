package dev.mailflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
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
                .doesNotContain("kind: ServiceMonitor");
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
}
