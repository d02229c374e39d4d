package dev.mailflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application with configured users, one per role, probing a scripted SMTP server on
 * loopback: who may start what, who may read which run, CSRF on pages, Basic on the API, the DATA
 * limit and the audit line.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class GuardrailsTest {

    static final ScriptedSmtpServer MX = ScriptedSmtpServer.start(s -> s.on("DATA", "354 go ahead"));

    static final String PASSWORD = "pw-for-tests";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        var hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        String[][] users = {
            {"vic", "VIEWER"}, {"kate", "OPERATOR"}, {"lee", "OPERATOR"}, {"sam", "SENDER"}, {"root", "ADMIN"}
        };
        for (int i = 0; i < users.length; i++) {
            var user = users[i];
            registry.add("mailflow.security.users[" + i + "].name", () -> user[0]);
            registry.add("mailflow.security.users[" + i + "].password", () -> hash);
            registry.add("mailflow.security.users[" + i + "].roles", () -> user[1]);
        }
        registry.add("mailflow.targets.allow", () -> "127.0.0.0/8");
        registry.add("mailflow.targets.ports", () -> MX.address().getPort());
        registry.add("mailflow.smtp.helo-name", () -> "probe.contoso.test");
        registry.add("mailflow.probe.data-enabled", () -> "true");
        registry.add("mailflow.limits.data-runs-per-user", () -> "1");
    }

    @AfterAll
    static void stop() {
        MX.close();
    }

    @Autowired
    MockMvc mvc;

    private final JsonMapper json = JsonMapper.builder().build();

    private static RequestPostProcessor as(String user) {
        return httpBasic(user, PASSWORD);
    }

    private static String probe(String quitAfter) {
        return """
                {"domain": "example.test", "host": "127.0.0.1", "port": %d, "rcptTo": ["kate@example.test"],
                 "quitAfter": "%s", "message": {"subject": "s", "body": "b"}}
                """.formatted(MX.address().getPort(), quitAfter);
    }

    @Test
    void anonymousApiCallsAre401ProblemsAndPagesRedirectToSignIn() throws Exception {
        mvc.perform(get("/api/probes/0123"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Basic realm=\"mailflow\"")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(post("/api/probes").contentType(MediaType.APPLICATION_JSON).content(probe("RCPT")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());

        for (var page : new String[] {"/", "/codes", "/probes/0123"}) {
            mvc.perform(get(page)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        }
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void anHtmxRequestWhoseSessionExpiredIsSentToSignInAsAWholePage() throws Exception {
        mvc.perform(get("/probes/0123/stream").header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/login"));
    }

    @Test
    void theSignInPageIsPublicAndSignsIn() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("name=\"password\"")));
        mvc.perform(get("/css/mailflow.css")).andExpect(status().isOk());

        mvc.perform(formLogin("/login").user("kate").password(PASSWORD))
                .andExpect(authenticated().withUsername("kate"))
                .andExpect(redirectedUrl("/"));
        mvc.perform(formLogin("/login").user("kate").password("wrong")).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void aViewerReadsButCannotStartAProbe() throws Exception {
        mvc.perform(get("/codes/550").with(as("vic"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").with(as("vic"))).andExpect(status().isOk());

        mvc.perform(post("/api/probes")
                        .with(as("vic"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(probe("RCPT")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/probes").with(as("vic")).with(csrf()).param("rcptTo", "kate@example.test"))
                .andExpect(status().isForbidden());
    }

    @Test
    void anOperatorCannotSendDataButASenderCanOnceAnHour() throws Exception {
        mvc.perform(post("/api/probes")
                        .with(as("kate"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(probe("DATA")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("quitAfter"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("SENDER role")));

        mvc.perform(post("/api/probes")
                        .with(as("sam"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(probe("DATA")))
                .andExpect(status().isAccepted());
        mvc.perform(post("/api/probes")
                        .with(as("sam"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(probe("DATA")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "3600"))
                .andExpect(jsonPath("$.detail").value(containsString("1 test messages in the last 1 hour")));
    }

    @Test
    void aRunIsReadAndStreamedOnlyByItsOwnerAndAnAdmin(CapturedOutput output) throws Exception {
        // Basic without a CSRF token: the API is stateless.
        var started = mvc.perform(post("/api/probes")
                        .with(as("kate"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(probe("RCPT")))
                .andExpect(status().isAccepted())
                .andReturn();
        var id = json.readTree(started.getResponse().getContentAsString())
                .get("id")
                .asString();
        awaitFinished(id);

        for (var path : new String[] {
            "/api/probes/" + id, "/api/probes/" + id + "/events", "/probes/" + id, "/probes/" + id + "/stream"
        }) {
            mvc.perform(get(path).with(as("lee"))).andExpect(status().isNotFound());
        }
        mvc.perform(get("/api/probes/" + id).with(as("kate"))).andExpect(status().isOk());
        mvc.perform(get("/api/probes/" + id).with(as("root"))).andExpect(status().isOk());
        mvc.perform(get("/probes/" + id).with(as("root"))).andExpect(status().isOk());

        mvc.perform(get("/").with(as("lee")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString(id))));
        mvc.perform(get("/").with(as("kate"))).andExpect(content().string(containsString(id)));
        mvc.perform(get("/").with(as("root"))).andExpect(content().string(containsString(id)));

        assertThat(output.getOut())
                .contains("run=" + id + " user=kate ")
                .contains("domain=example.test")
                .contains("contacted=127.0.0.1:" + MX.address().getPort());
    }

    @Test
    void theFormNeedsItsCsrfTokenAndThePageCarriesItForHtmx() throws Exception {
        mvc.perform(post("/probes").with(as("lee")).param("rcptTo", "kate@example.test"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/probes")
                        .with(as("lee"))
                        .with(csrf())
                        .param("rcptTo", "kate@example.test")
                        .param("host", "127.0.0.1")
                        .param("port", String.valueOf(MX.address().getPort())))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", startsWith("/probes/")));

        mvc.perform(get("/").with(as("lee")))
                .andExpect(content().string(containsString("<meta name=\"_csrf\" content=\"")))
                .andExpect(content().string(containsString("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\">")))
                .andExpect(content().string(containsString("action=\"/logout\"")));
    }

    private void awaitFinished(String id) throws Exception {
        await("run " + id + " finished")
                .atMost(Duration.ofSeconds(30))
                .until(() -> !json.readTree(mvc.perform(get("/api/probes/" + id).with(as("root")))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                        .get("status")
                        .asString()
                        .equals("RUNNING"));
    }
}
