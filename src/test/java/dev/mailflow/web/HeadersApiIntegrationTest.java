package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.message.HeaderAnalyzerFixtures;
import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** POST /api/headers on the whole application, DKIM keys and DMARC records from the test's DNS server. */
class HeadersApiIntegrationTest extends RunningApp {

    static final HeaderAnalyzerFixtures FIXTURES = HeaderAnalyzerFixtures.create();
    static final TestDnsServer DNS = FIXTURES.dns();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
        reach(registry, DNS, "127.0.0.0/8", "mailflow.test", 25, 25);
    }

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @Test
    void pastedHeadersAnswerExactlyTheContractsFields() throws Exception {
        var response = app.post(
                "/api/headers", json.writeValueAsString(Map.of("text", HeaderAnalyzerFixtures.JUNKED_AT_MICROSOFT)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(names(body))
                .isEqualTo(Set.of("hops", "totalSeconds", "authentication", "dkim", "verdicts", "findings"));
        JsonNode hop = body.get("hops").get(1);
        assertThat(names(hop))
                .isEqualTo(
                        Set.of("from", "by", "with", "id", "for", "via", "at", "delaySeconds", "fromAddress", "tls"));
        assertThat(hop.get("at").asString()).isEqualTo("2021-11-02T15:11:02Z");
        assertThat(hop.get("delaySeconds").asDouble()).isEqualTo(18617.0);
        assertThat(hop.get("tls").isNull()).isTrue();
        assertThat(body.get("hops").get(0).get("for").asString()).isEqualTo("<kate@fabrikam.example>");
        assertThat(body.get("totalSeconds").asDouble()).isEqualTo(18618.0);
        JsonNode auth = body.get("authentication").get(0);
        assertThat(names(auth)).isEqualTo(Set.of("method", "result", "authservId", "properties"));
        assertThat(names(body.get("verdicts").get(0))).isEqualTo(Set.of("header", "field", "value", "meaning"));
        assertThat(body.get("findings").toString()).contains("put in Junk by Microsoft 365");
    }

    @Test
    void aRawSignedMessageIsVerifiedWithItsBody() throws Exception {
        byte[] message = FIXTURES.signedMessage().getBytes(StandardCharsets.UTF_8);

        var response = app.post("/api/headers", "message/rfc822", message);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode dkim = json.readTree(response.body()).get("dkim").get(0);
        assertThat(names(dkim)).isEqualTo(Set.of("domain", "selector", "algorithm", "result", "reason", "key"));
        assertThat(dkim.get("result").asString()).isEqualTo("PASS");
        assertThat(dkim.get("algorithm").asString()).isEqualTo("ed25519-sha256");
        assertThat(dkim.get("key").get("bits").asInt()).isEqualTo(256);
    }

    @Test
    void aDnsTimeoutIsATemporaryErrorNotAFailure() throws Exception {
        var response = app.post(
                "/api/headers",
                "message/rfc822",
                FIXTURES.signedBySilentSelector().getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode dkim = json.readTree(response.body()).get("dkim").get(0);
        assertThat(dkim.get("result").asString()).isEqualTo("TEMPERROR");
        assertThat(dkim.get("reason").asString()).contains("in time");
    }

    @Test
    void badInputGetsAClearAnswerNeverA500() throws Exception {
        var noHeaders = app.post("/api/headers", json.writeValueAsString(Map.of("text", "it went to junk, why?")));
        assertThat(noHeaders.statusCode()).isEqualTo(400);
        assertThat(noHeaders.body()).contains("\"field\":\"text\"", "no header fields");

        var empty = app.post("/api/headers", "{}");
        assertThat(empty.statusCode()).isEqualTo(400);

        var notJson = app.post("/api/headers", "{\"text\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);

        var garbage = app.post("/api/headers", "message/rfc822", new byte[] {0, 1, 2, 3, 4});
        assertThat(garbage.statusCode()).isEqualTo(400);

        String huge = "Received: from a.example by b.example; Tue, 2 Nov 2021 15:11:03 +0000\r\nX-Huge: "
                + "a".repeat(1024 * 1024)
                + "\r\nReceived: from c (garbage date; 99 Foo 20211 99:99\r\nFrom: x@y.example\r\n\r\nbody\r\n";
        var large = app.post("/api/headers", "message/rfc822", huge.getBytes(StandardCharsets.US_ASCII));
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(json.readTree(large.body()).get("hops")).hasSize(2);

        var tooLarge = app.post("/api/headers", "message/rfc822", new byte[11 * 1024 * 1024]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    private static Set<String> names(JsonNode node) {
        return Set.copyOf(node.propertyNames());
    }
}
