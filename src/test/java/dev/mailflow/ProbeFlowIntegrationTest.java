package dev.mailflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.AppClient;
import dev.mailflow.testing.Peers;
import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application on a random port, against a real DNS server and real SMTP servers started
 * here: a probe goes in through the JSON API, its events come out over SSE as they happen, and the
 * result, the run page and the metrics agree with what the servers said.
 */
class ProbeFlowIntegrationTest extends RunningApp {

    /** The MX host's server: a hostile banner, a known and an unknown recipient. */
    static final ScriptedSmtpServer MX = ScriptedSmtpServer.start(s -> s.banner(
                    "220 mx1.example.test ESMTP <script>alert(1)</script><img src=x onerror=alert(2)>")
            .on("RCPT", "250 2.1.5 Ok", "550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown"));

    /** A server given as an explicit host, playing the Exchange procedure's 530 5.7.1. */
    static final ScriptedSmtpServer ANONYMOUS_REFUSED =
            ScriptedSmtpServer.start(s -> s.on("MAIL", "530 5.7.1 Client was not authenticated"));

    static final TestDnsServer DNS =
            TestDnsServer.builder().zone("example.test", """
                    @    MX 10 mx1
                    mx1  A  127.0.0.1
                    """).start();

    @RegisterExtension
    static final Peers PEERS = Peers.of(DNS, MX, ANONYMOUS_REFUSED);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PEERS.reach(registry);
        TestUser.register(registry);
    }

    @Test
    void aProbeThroughTheApiStreamsItsEventsAndEndsWithAVerdict() throws Exception {
        var started = app.post("/api/probes", """
                {"rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test"}
                """);
        assertThat(started.statusCode()).isEqualTo(202);
        var id = json.readTree(started.body()).get("id").asString();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/probes/" + id);

        var events = app.events("/api/probes/" + id + "/events");
        assertThat(events.getLast()).isEqualTo("done");
        assertThat(events).contains("plan", "sent", "received", "verdict");

        var result = json.readTree(app.get("/api/probes/" + id).body());
        assertThat(result.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(result.get("dns").get("mx").get(0).get("host").asString()).isEqualTo("mx1.example.test");
        var session = result.get("sessions").get(0);
        assertThat(session.get("outcome").asString()).isEqualTo("COMPLETED");
        assertThat(texts(session.get("transcript")))
                .contains(
                        "EHLO probe.contoso.test", "MAIL FROM:<helpdesk@contoso.test>", "RCPT TO:<kate@example.test>");
        assertThat(result.get("verdict").asString()).contains("delivered");
    }

    @Test
    void anUnknownRecipientIsExplainedWithItsCauseAndOwner() throws Exception {
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@example.test", "nobody@example.test"], "mailFrom": "helpdesk@contoso.test"}
                """);
        var result = json.readTree(app.get("/api/probes/" + id).body());

        var findings = result.get("findings");
        assertThat(findings.isEmpty()).isFalse();
        assertThat(findings.toString()).containsIgnoringCase("does not exist");
        assertThat(findings.toString()).contains("RECIPIENT");
    }

    @Test
    void theExchangeProceduresAnonymousRefusalNamesItsCause() throws Exception {
        var id = app.startAndFinish("""
                {"domain": "example.test", "host": "127.0.0.1", "port": %d, "mailFrom": "helpdesk@contoso.test"}
                """.formatted(ANONYMOUS_REFUSED.address().getPort()));
        var result = json.readTree(app.get("/api/probes/" + id).body());

        assertThat(result.get("sessions").get(0).get("phase").asString()).isEqualTo("MAIL");
        assertThat(result.get("findings").toString()).containsIgnoringCase("anonymous");

        var page = app.get("/probes/" + id).body();
        assertThat(page).containsIgnoringCase("anonymous");
    }

    @Test
    void aHostileBannerIsShownAsTextOnTheRunPage() throws Exception {
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@example.test"]}
                """);
        var page = app.get("/probes/" + id).body();

        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
    }

    @Test
    void aRefusedTargetIsAnOutcomeNotAConnection() throws Exception {
        var id = app.startAndFinish("""
                {"domain": "example.test", "host": "169.254.169.254", "port": %d}
                """.formatted(MX.address().getPort()));
        var result = json.readTree(app.get("/api/probes/" + id).body());

        var session = result.get("sessions").get(0);
        assertThat(session.get("outcome").asString()).isEqualTo("POLICY_REFUSED");
        assertThat(result.toString()).contains("cloud metadata address, which is never allowed");
    }

    @Test
    void badInputIsAProblemWithTheField() throws Exception {
        var response = app.post("/api/probes", """
                {"rcptTo": ["kate@example.test\\r\\nRCPT TO:<x@y.test>"], "port": 70000}
                """);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("rcptTo[0]").contains("port").doesNotContain("Exception");
    }

    @Test
    void finishedRunsAreCountedInPrometheusWithoutNamesInLabels() throws Exception {
        app.startAndFinish("""
                {"rcptTo": ["kate@example.test"]}
                """);
        var metrics = app.get("/actuator/prometheus").body();

        assertThat(metrics)
                .contains("mailflow_probe_runs_total{")
                .contains("mailflow_probe_phase_duration_seconds_bucket{")
                .contains("mailflow_smtp_replies_total{")
                .contains("mailflow_dns_lookups_total{")
                .contains("mailflow_probe_sessions_in_flight")
                .contains("mailflow_probe_sessions_queued");
        assertThat(metrics.lines().filter(l -> l.startsWith("mailflow_")))
                .noneMatch(l -> l.contains("example.test") || l.contains("127.0.0.1"));
    }

    @Test
    void healthHasLivenessAndReadinessWithoutSigningIn() throws Exception {
        for (var path : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            var anonymous = AppClient.anonymous(port).get(path);
            assertThat(anonymous.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theApiAndMetricsNeedCredentials() throws Exception {
        for (var path : List.of("/api/probes/0123", "/actuator/prometheus")) {
            var anonymous = AppClient.anonymous(port).get(path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        }
    }

    private static List<String> texts(JsonNode transcript) {
        var texts = new ArrayList<String>();
        transcript.forEach(line -> texts.add(line.get("text").asString()));
        return texts;
    }
}
