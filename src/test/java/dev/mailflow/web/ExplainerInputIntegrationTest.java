package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.testing.TestUser;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bounce explainer against hostile pastes through the whole application (issue 18): deep
 * quoting, folded lines at the cap, texts heavy in line breaks or non-ASCII against the body limit,
 * an Error in a request, and two Authorization headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ExplainerInputIntegrationTest.Failing.class)
@ExtendWith(OutputCaptureExtension.class)
class ExplainerInputIntegrationTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
        registry.add("mailflow.web.max-request-body", () -> "96KB");
    }

    /** Handlers that fail as a hostile input once made the explainer fail. */
    @TestConfiguration(proxyBeanMethods = false)
    @RestController
    static class Failing {
        @GetMapping("/api/test-overflow")
        String api() {
            throw new StackOverflowError();
        }

        @GetMapping("/test-overflow")
        String page() {
            throw new StackOverflowError();
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void threeThousandQuoteMarkersAreExplainedNotAnError() throws Exception {
        var text = ">".repeat(3000) + " 550 5.1.1 <kate@example.org>: User unknown";

        var api = explain(text);
        var page = form(text);

        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(json.readTree(api.body()).get("replies").get(0).get("code").asInt())
                .isEqualTo(550);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("What this reply means").doesNotContain("found no server reply");
    }

    @Test
    void foldedLinesUpToTheCapAreExplainedAsOneReply() throws Exception {
        var text = new StringBuilder("Diagnostic-Code: smtp; 550 5.1.1 x");
        while (text.length() + 2 <= Knowledge.MAX_PASTED) {
            text.append("\n x");
        }

        HttpResponse<String> api = null;
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            api = explain(text.toString());
            System.out.printf(
                    "explained %d characters of folded lines in %.1f ms (with HTTP, call %d)%n",
                    text.length(), (System.nanoTime() - start) / 1e6, round);
        }

        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(json.readTree(api.body()).get("replies")).hasSize(1);
    }

    @Test
    void aTextHeavyInLineBreaksOrNonAsciiMeetsTheFieldsLimitNotTheBodyLimit() throws Exception {
        var breaks = "550 5.1.1 User unknown" + "\r\n".repeat(30_000);
        var separators = "550 5.1.1 User unknown " + "\u2028é".repeat(30_000);
        var controls = "550 5.1.1 User unknown " + "\u0001".repeat(60_000);

        // As JSON each is over the 96 KB body limit (\r\n is 4 bytes, U+2028 3, \u0001 6), under the field's.
        for (var text : new String[] {breaks, separators, controls}) {
            var api = explain(text);
            assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        }
        assertThat(form(breaks).statusCode()).isEqualTo(200);
        assertThat(form(separators).body()).contains("User unknown");

        var tooLong = explain("é".repeat(Knowledge.MAX_PASTED + 1));
        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(tooLong.body()).contains("\"field\":\"text\"");
        var farTooLong = explain("\u0001".repeat(Knowledge.MAX_PASTED * 2));
        assertThat(farTooLong.statusCode()).isEqualTo(413);
        assertThat(farTooLong.body()).contains("\"field\":\"text\"");
    }

    @Test
    void anErrorInARequestIsAProblemWithOneLogLineAndNoStackTrace(CapturedOutput output) throws Exception {
        var api = send(HttpRequest.newBuilder(uri("/api/test-overflow"))
                .header("Authorization", TestUser.AUTHORIZATION)
                .GET());
        var page = send(HttpRequest.newBuilder(uri("/test-overflow"))
                .header("Authorization", TestUser.AUTHORIZATION)
                .GET());

        assertThat(api.statusCode()).isEqualTo(500);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(api.body()).contains("\"status\":500").doesNotContain("Overflow");
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.body()).doesNotContain("Overflow");
        assertThat(output.getAll())
                .contains("GET /api/test-overflow failed with java.lang.StackOverflowError")
                .doesNotContain("at dev.mailflow.web.ExplainerInputIntegrationTest$Failing");
    }

    @Test
    void twoAuthorizationHeadersAreRefused() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/codes/550"))
                .header("Authorization", TestUser.AUTHORIZATION)
                .header("Authorization", "Bearer mft_someone-else")
                .GET());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"Authorization\"");
        var one = send(HttpRequest.newBuilder(uri("/api/codes/550"))
                .header("Authorization", TestUser.AUTHORIZATION)
                .GET());
        assertThat(one.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> explain(String text) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/explain"))
                .header("Authorization", TestUser.AUTHORIZATION)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text)))));
    }

    /** The page's form, as a browser posts it: with the session's CSRF token. */
    private HttpResponse<String> form(String text) throws Exception {
        var codes = send(HttpRequest.newBuilder(uri("/codes"))
                .header("Authorization", TestUser.AUTHORIZATION)
                .GET());
        var token = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(codes.body());
        assertThat(token.find()).isTrue();
        var body = "_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) + "&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/codes"))
                .header("Authorization", TestUser.AUTHORIZATION)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
