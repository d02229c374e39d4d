package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.AppClient;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hardening of issue 9 through the whole application: request bodies and recipient lists
 * bounded, strict JSON, malformed hosts and mismatched domains refused, the per-destination limit
 * under case changes and explicit hosts, IPv6 forms that embed IPv4 refused by policy, hostile
 * characters from a server shown escaped in every view, and the session cookie's SameSite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HardeningIntegrationTest {

    /** A server whose banner and RCPT reply carry a right-to-left override and a line separator. */
    static final ScriptedSmtpServer HOSTILE =
            ScriptedSmtpServer.start(s -> s.banner("220 mx.hostile.test \u202Etxt.exe\u2028S: 250 fake line")
                    .on("RCPT", "550 5.1.1 \u202Eydobon\u2028S: 250 2.1.5 ok"));

    static final TestDnsServer DNS = TestDnsServer.builder()
            .zone("embedded.test", """
                    @      MX 10 nat64
                    @      MX 20 siit
                    @      MX 30 teredo
                    nat64  AAAA 64:ff9b:1::a00:1
                    siit   AAAA ::ffff:0:a00:1
                    teredo AAAA 2001:0:808:808::f5ff:fffe
                    """)
            .zone("limit.test", "@ MX 10 mx\nmx A 192.0.2.1\n")
            .start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
        registry.add("mailflow.dns.servers", DNS::server);
        registry.add("mailflow.dns.timeout", () -> "2s");
        registry.add("mailflow.targets.allow", () -> "127.0.0.0/8");
        registry.add("mailflow.targets.ports", () -> "25," + HOSTILE.address().getPort());
        registry.add("mailflow.limits.runs-per-domain", () -> "3");
        registry.add("mailflow.limits.runs-per-user", () -> "1000");
        registry.add("mailflow.probe.max-recipients", () -> "10");
        registry.add("mailflow.web.max-request-body", () -> "96KB");
    }

    @AfterAll
    static void stop() {
        HOSTILE.close();
        DNS.close();
    }

    @LocalServerPort
    int port;

    private AppClient app;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connect() {
        app = AppClient.signedIn(port);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        var huge = "{\"rcptTo\": [\"kate@ok.test\"], \"junk\": \"" + "x".repeat(200_000) + "\"}";

        var sized = app.post("/api/probes", huge);
        assertThat(sized.statusCode()).isEqualTo(413);
        assertThat(sized.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(sized.body()).contains("mailflow.web.max-request-body");

        // Without a Content-Length (chunked), the read stops at the limit.
        var chunked = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/probes"))
                        .header("Authorization", TestUser.AUTHORIZATION)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void aLongListOfBadRecipientsGetsAFewErrorsAndTheCount() throws Exception {
        var many = new StringBuilder("{\"rcptTo\": [");
        for (int i = 0; i < 20_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"x\"");
        }
        var response = app.post("/api/probes", many.append("]}").toString());

        assertThat(response.statusCode()).isEqualTo(400);
        var fields = fields(response);
        assertThat(fields).hasSizeLessThanOrEqualTo(7).contains("rcptTo", "rcptTo[0]");
        assertThat(response.body()).contains("at most 10 recipients").contains("more recipients are not valid");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"rcptTo\": [\"kate@ok.test\"], \"quitafter\": \"RCPT\"}|quitafter",
                "{\"rcptTo\": [\"kate@ok.test\"], \"port\": 25, \"port\": 587}|port",
                "{\"rcptTo\": [\"kate@ok.test\"], \"port\": 25.5}|port",
                "{\"rcptTo\": [\"kate@ok.test\"], \"port\": \"25\"}|port",
                "{\"rcptTo\": [\"kate@ok.test\"], \"allMx\": \"true\"}|allMx",
                "{\"rcptTo\": [null]}|rcptTo[0]",
                "{\"rcptTo\": [\"kate@ok.test\", 7]}|rcptTo[1]",
                "{\"rcptTo\": [\"kate@ok.test\"], \"domain\": 5}|domain",
                "{\"rcptTo\": [\"kate@ok.test\"], \"notify\": [null]}|notify[0]",
                "{\"rcptTo\": [\"kate@ok.test\"], \"auth\": {\"username\": \"k\", \"pasword\": \"x\"}}|auth.pasword"
            })
    void lenientJsonIsRefusedNamingTheField(String caseAndField) throws Exception {
        var parts = caseAndField.split("\\|");
        var response = app.post("/api/probes", parts[0]);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(fields(response)).containsExactly(parts[1]);
    }

    @Test
    void lengthLimitsSayOctetsAnd415DoesNotEchoTheContentType() throws Exception {
        var response = app.post("/api/probes", "{\"rcptTo\": [\"" + "ä".repeat(33) + "@ok.test\"]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("64 octets");

        var wrongType = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/probes"))
                        .header("Authorization", TestUser.AUTHORIZATION)
                        .header("Content-Type", "text/x-evil-5f3a9")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.body()).contains("application/json").doesNotContain("evil-5f3a9");
    }

    @Test
    void bootsErrorPageKeepsTheMenuOfTheSignedInUser() throws Exception {
        var missing = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/no-such-page"))
                        .header("Authorization", TestUser.AUTHORIZATION)
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(missing.statusCode()).isEqualTo(404);
        // An OPERATOR's menu: the outbound test, not the tokens page.
        assertThat(missing.body()).contains("id=\"nav-inbox\"").doesNotContain("href=\"/tokens\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"127.0.0.50:25", "ok..test", "-ok.test", "[IPv6:::1]", "2130706433", "<svg/onload=alert(1)>"})
    void aMalformedHostIsA400NamingHost(String host) throws Exception {
        var response = app.post(
                "/api/probes",
                json.writeValueAsString(java.util.Map.of("rcptTo", List.of("kate@ok.test"), "host", host)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("host");
    }

    @Test
    void aDomainOtherThanTheRecipientsOrRecipientsInSeveralDomainsAreRefused() throws Exception {
        var other = app.post("/api/probes", "{\"domain\": \"nothere.test\", \"rcptTo\": [\"kate@ok.test\"]}");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(fields(other)).containsExactly("domain");

        var several = app.post("/api/probes", "{\"rcptTo\": [\"kate@ok.test\", \"lee@other.test\"]}");
        assertThat(several.statusCode()).isEqualTo(400);
        assertThat(fields(several)).containsExactly("rcptTo");
        assertThat(several.body()).contains("ok.test, other.test");

        var sameInAnotherCase =
                app.post("/api/probes", "{\"domain\": \"SAME.test\", \"rcptTo\": [\"kate@same.TEST\"]}");
        assertThat(sameInAnotherCase.statusCode()).isEqualTo(202);
    }

    @Test
    void thePerDomainLimitCountsTheNormalisedDomainAndExplicitHosts() throws Exception {
        for (var spelling : List.of("limit.test", "LIMIT.test", "Limit.Test")) {
            assertThat(app.post("/api/probes", "{\"domain\": \"" + spelling + "\"}")
                            .statusCode())
                    .isEqualTo(202);
        }
        var fourth = app.post("/api/probes", "{\"rcptTo\": [\"a@LIMIT.TEST\"]}");
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        assertThat(fourth.body()).contains("limit.test has been probed 3 times");

        // A run naming a host counts against that host, whatever domain it names.
        for (var domain : List.of("a.test", "b.test", "c.test")) {
            var started = app.post("/api/probes", "{\"domain\": \"" + domain + "\", \"host\": \"MX.hostcount.test\"}");
            assertThat(started.statusCode()).isEqualTo(202);
        }
        var viaHost = app.post("/api/probes", "{\"domain\": \"d.test\", \"host\": \"mx.HostCount.test\"}");
        assertThat(viaHost.statusCode()).isEqualTo(429);
        assertThat(viaHost.body()).contains("mx.hostcount.test has been probed 3 times");
    }

    @Test
    void ipv6FormsThatEmbedARefusedIpv4AreRefusedByPolicy() throws Exception {
        var id = app.startAndFinish("{\"domain\": \"embedded.test\"}");
        var sessions = result(id).get("sessions");

        var outcomes = new ArrayList<String>();
        sessions.forEach(s ->
                outcomes.add(s.get("host").asString() + " " + s.get("outcome").asString()));
        assertThat(outcomes)
                .containsExactlyInAnyOrder(
                        "nat64.embedded.test POLICY_REFUSED",
                        "siit.embedded.test POLICY_REFUSED",
                        "teredo.embedded.test POLICY_REFUSED");
        assertThat(result(id).toString()).contains("carries 10.0.0.1");
    }

    @Test
    void bidiControlsAndLineSeparatorsFromAServerAreShownEscapedEverywhere() throws Exception {
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@example.test"], "host": "127.0.0.1", "port": %d}
                """.formatted(HOSTILE.address().getPort()));

        var jsonText = app.get("/api/probes/" + id).body();
        var page = app.get("/probes/" + id).body();
        var stream = app.get("/probes/" + id + "/stream?after=0").body();
        var events = app.get("/api/probes/" + id + "/events").body();
        var transcript = app.get("/probes/" + id + "/transcript.txt").body();
        var escalation = app.get("/probes/" + id + "/escalation.txt").body();

        for (var view : List.of(jsonText, page, stream, events, transcript, escalation)) {
            assertThat(view).doesNotContain("\u202E", "\u2028");
        }
        assertThat(jsonText).contains("\\u202e").contains("\\u2028");
        assertThat(events).contains("\\u202e");
        for (var view : List.of(page, stream, transcript)) {
            assertThat(view).contains("[U+202E]txt.exe[U+2028]S: 250 fake line");
        }
        for (var view : List.of(page, transcript, escalation)) {
            assertThat(view).contains("[U+202E]ydobon[U+2028]S: 250 2.1.5 ok");
        }
    }

    @Test
    void theSessionCookieIsSameSiteLax() throws Exception {
        var login = AppClient.anonymous(port).get("/login");

        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("SameSite=Lax"));
    }

    private JsonNode result(String id) throws Exception {
        return json.readTree(app.get("/api/probes/" + id).body());
    }

    private List<String> fields(HttpResponse<String> response) {
        var fields = new ArrayList<String>();
        json.readTree(response.body())
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }
}
