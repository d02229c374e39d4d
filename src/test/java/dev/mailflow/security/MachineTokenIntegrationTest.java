package dev.mailflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.MailflowApplication;
import dev.mailflow.testing.TestUser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Machine tokens through the whole application: configured and created ones, valid, wrong, revoked,
 * expired, and a role too low; the token's name owns the runs it starts, so it is nobody else's:
 * not a configured user's, an OIDC user's or another token's (issue 18).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MachineTokenIntegrationTest {

    static final String ADMIN_TOKEN = "mft_admin-token-for-tests-with-enough-random-bits-001";
    static final String VIEWER_TOKEN = "mft_viewer-token-for-tests-with-enough-random-bits-02";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
        registry.add("mailflow.security.tokens[0].name", () -> "ops-admin");
        registry.add("mailflow.security.tokens[0].digest", () -> digest(ADMIN_TOKEN));
        registry.add("mailflow.security.tokens[0].roles", () -> "ADMIN");
        registry.add("mailflow.security.tokens[1].name", () -> "grafana");
        registry.add("mailflow.security.tokens[1].digest", () -> digest(VIEWER_TOKEN));
        registry.add("mailflow.security.tokens[1].roles", () -> "VIEWER");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectProvider<MachineTokens> tokens;

    @Autowired
    ObjectProvider<UserNames> names;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anAdminCreatesATokenShownOnceThatWorksUntilRevoked() throws Exception {
        var created = send("POST", "/api/tokens", ADMIN_TOKEN, """
                {"name": "prometheus-eu", "roles": ["OPERATOR"], "expiresAt": "2099-01-01T00:00:00Z"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var secret = json.readTree(created.body()).get("token").asString();
        assertThat(secret).startsWith("mft_").hasSizeGreaterThanOrEqualTo(4 + 43);

        assertThat(send("GET", "/api/codes/550", secret, null).statusCode()).isEqualTo(200);
        var listed = send("GET", "/api/tokens", ADMIN_TOKEN, null).body();
        assertThat(listed)
                .contains("\"name\":\"prometheus-eu\"", "\"createdBy\":\"ops-admin\"", "2099-01-01T00:00:00Z")
                .contains("\"name\":\"grafana\"", "\"source\":\"configured\"")
                .doesNotContain(secret, "digest");
        var entry = json.readTree(listed)
                .get("tokens")
                .valueStream()
                .filter(t -> t.get("name").asString().equals("prometheus-eu"))
                .findFirst()
                .orElseThrow();
        assertThat(entry.get("lastUsedAt").isNull()).isFalse();

        assertThat(send("DELETE", "/api/tokens/prometheus-eu", ADMIN_TOKEN, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(send("GET", "/api/codes/550", secret, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/tokens/prometheus-eu", ADMIN_TOKEN, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", "/api/tokens/grafana", ADMIN_TOKEN, null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        var secret = "mft_expired-token-for-tests-with-enough-random-bits-0003";
        jdbc.sql("INSERT INTO api_token (name, digest, roles, created_at, created_by, expires_at)"
                        + " VALUES ('old-script', :digest, 'OPERATOR', :created, 'ops-admin', :expires)")
                .param("digest", digest(secret).substring("sha256:".length()))
                .param("created", Timestamp.from(Instant.now().minus(Duration.ofDays(40))))
                .param("expires", Timestamp.from(Instant.now().minus(Duration.ofDays(10))))
                .update();

        assertThat(send("GET", "/api/codes/550", secret, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/tokens", ADMIN_TOKEN, null).body()).doesNotContain("old-script");
    }

    @Test
    void aWrongTokenIsRefusedWithoutFallingBackToAnotherScheme() throws Exception {
        var response = send("GET", "/api/codes/550", "mft_not-a-token", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Bearer"));
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void aRoleTooLowIsForbidden() throws Exception {
        assertThat(send("GET", "/api/codes/550", VIEWER_TOKEN, null).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/api/probes", VIEWER_TOKEN, "{\"domain\":\"example.com\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/tokens", VIEWER_TOKEN, null).statusCode()).isEqualTo(403);
        var asOperator = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tokens"))
                .header("Authorization", TestUser.AUTHORIZATION)
                .build();
        assertThat(http.send(asOperator, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aNewTokenNamesItsInvalidFields() throws Exception {
        var response = send("POST", "/api/tokens", ADMIN_TOKEN, """
                {"name": "no spaces", "roles": ["ROOT"], "expiresAt": "2001-01-01T00:00:00Z"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        assertThat(response.body()).contains("\"name\"", "\"roles[0]\"", "\"expiresAt\"");
    }

    @Test
    void aTokenCannotTakeAUsersOrAnotherTokensName() throws Exception {
        for (var name : List.of(TestUser.NAME, TestUser.NAME.toUpperCase(Locale.ROOT), "Grafana", "ops-admin")) {
            var response = send("POST", "/api/tokens", ADMIN_TOKEN, """
                    {"name": "%s", "roles": ["ADMIN"]}""".formatted(name));

            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(409);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .contains("problem+json");
            assertThat(json.readTree(response.body())
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asString())
                    .isEqualTo("name");
        }
        assertThat(send("GET", "/api/tokens", ADMIN_TOKEN, null).body()).doesNotContain(TestUser.NAME);
    }

    @Test
    void oidcUsersAndTokensKeepApartInBothDirections() throws Exception {
        // The provider's side is played by a function: the guard sees what OidcUserService returns.
        var signIns = new ProviderSignIns<OidcUserRequest, OidcUser>(request -> oidcUser(request), tokens, names);

        signIns.loadUser(request("kate.smith"));
        var asToken = send("POST", "/api/tokens", ADMIN_TOKEN, """
                {"name": "Kate.Smith", "roles": ["OPERATOR"]}""");
        assertThat(asToken.statusCode()).as(asToken.body()).isEqualTo(409);
        assertThat(asToken.body()).contains("signed in with this name");

        assertThatThrownBy(() -> signIns.loadUser(request("grafana")))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("machine token");
        assertThat(send("POST", "/api/tokens", ADMIN_TOKEN, """
                        {"name": "revoked-soon", "roles": ["VIEWER"]}""").statusCode()).isEqualTo(201);
        assertThat(send("DELETE", "/api/tokens/revoked-soon", ADMIN_TOKEN, null).statusCode())
                .isEqualTo(204);
        // A revoked token still owns its runs: its name stays taken.
        assertThatThrownBy(() -> signIns.loadUser(request("revoked-soon")))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    @Test
    void aConfiguredTokenWithAConfiguredUsersNameStopsTheStart() {
        var start = new SpringApplicationBuilder(MailflowApplication.class)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=jdbc:h2:mem:token-clash;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                        "mailflow.security.users[0].name=" + TestUser.NAME,
                        "mailflow.security.users[0].password=" + TestUser.ENCODED_PASSWORD,
                        "mailflow.security.users[0].roles=OPERATOR",
                        "mailflow.security.tokens[0].name=" + TestUser.NAME,
                        "mailflow.security.tokens[0].digest=" + digest(VIEWER_TOKEN),
                        "mailflow.security.tokens[0].roles=ADMIN");

        assertThatThrownBy(start::run)
                .rootCause()
                .hasMessageContaining("the token helpdesk has the name of a configured user");
    }

    private static OidcUserRequest request(String name) {
        var registration = ClientRegistration.withRegistrationId("test")
                .clientId("mailflow")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .authorizationUri("https://idp.test/authorize")
                .tokenUri("https://idp.test/token")
                .userNameAttributeName("preferred_username")
                .build();
        var now = Instant.now();
        var access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(60));
        var id =
                new OidcIdToken("id", now, now.plusSeconds(60), Map.of("sub", "s-" + name, "preferred_username", name));
        return new OidcUserRequest(registration, access, id);
    }

    private static OidcUser oidcUser(OidcUserRequest request) {
        return new DefaultOidcUser(List.of(), request.getIdToken(), "preferred_username");
    }

    private HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String digest(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
