package dev.mailflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart's test mailbox: off by default, port 25 on the Service or its own LoadBalancer. */
class HelmInboxTest {

    private final Helm chart = new Helm(Path.of("helm/mailflow"));

    @Test
    void offByDefault() {
        var rendered = chart.template().withName("mf").call();
        assertThat(rendered).doesNotContain("MAILFLOW_INBOX").doesNotContain("name: smtp");
    }

    @Test
    void enabledTheServiceAnswersOnPort25ForTheListener() {
        var rendered = chart.template()
                .withName("mf")
                .set("inbox.enabled", "true")
                .set("inbox.domain", "check.mailflow.example")
                .call();
        assertThat(rendered)
                .contains("name: MAILFLOW_INBOX_ENABLED")
                .contains("value: \"check.mailflow.example\"")
                .contains("containerPort: 2525")
                .contains("- port: 25\n      targetPort: smtp")
                .doesNotContain("type: LoadBalancer")
                .doesNotContain("MAILFLOW_INBOX_TLS_KEY_STORE");
    }

    @Test
    void aLoadBalancerCarriesPort25AloneAndKeepsTheSendersAddress() {
        var rendered = chart.template()
                .withName("mf")
                .set("inbox.enabled", "true")
                .set("inbox.domain", "check.mailflow.example")
                .set("inbox.loadBalancer.enabled", "true")
                .set("inbox.tlsSecret", "inbox-cert")
                .call();
        assertThat(rendered)
                .contains("name: mf-mailflow-inbox")
                .contains("type: LoadBalancer")
                .contains("externalTrafficPolicy: Local")
                .contains("value: /etc/mailflow/inbox-tls/keystore.p12")
                .contains("secretName: inbox-cert");
        // The web Service keeps only http.
        var webService = rendered.substring(rendered.indexOf("# Source: mailflow/templates/service.yaml"));
        webService = webService.substring(
                0, webService.indexOf("---") < 0 ? webService.length() : webService.indexOf("---"));
        assertThat(webService).doesNotContain("smtp");
    }

    @Test
    void enabledWithoutADomainIsRefused() {
        assertThatThrownBy(() -> chart.template()
                        .withName("mf")
                        .set("inbox.enabled", "true")
                        .call())
                .hasMessageContaining("inbox.domain is required");
    }
}
