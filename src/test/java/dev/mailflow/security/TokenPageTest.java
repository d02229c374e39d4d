package dev.mailflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.testing.TestUser;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The ADMIN's tokens page: create (the token shown once), list, revoke; other roles are refused. */
@SpringBootTest
@AutoConfigureMockMvc
class TokenPageTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MachineTokens tokens;

    @Test
    void anAdminCreatesAndRevokesATokenOnThePage() throws Exception {
        var page = mvc.perform(post("/tokens")
                        .with(user("root").roles("ADMIN"))
                        .with(csrf())
                        .param("name", "nightly-script")
                        .param("roles", "VIEWER"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var matcher = Pattern.compile("<code class=\"secret\" id=\"created-secret\">(mft_[A-Za-z0-9_-]{43})</code>")
                .matcher(page);
        assertThat(matcher.find()).as(page).isTrue();
        assertThat(tokens.verify(matcher.group(1)))
                .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("nightly-script"));
        assertThat(page).contains("<td class=\"name\">nightly-script</td>", "<td>VIEWER</td>", "by root");

        var again = mvc.perform(get("/tokens").with(user("root").roles("ADMIN")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(again).contains("nightly-script").doesNotContain(matcher.group(1));

        mvc.perform(post("/tokens/nightly-script/revoke")
                        .with(user("root").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(tokens.verify(matcher.group(1))).isEmpty();
    }

    @Test
    void invalidFieldsAreNamedOnThePage() throws Exception {
        var page = mvc.perform(post("/tokens")
                        .with(user("root").roles("ADMIN"))
                        .with(csrf())
                        .param("name", "<script>")
                        .param("expiresAt", "tomorrow"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("Name: 1 to 64", "Roles: name at least one role", "Expires: a date such as 2027-01-31");
        assertThat(page).doesNotContain("<script>");
        // What was typed stays in the form.
        assertThat(page).contains("value=\"&lt;script&gt;\"", "value=\"tomorrow\"");
    }

    @Test
    void aDayFromTheDateFieldIsTheInstantItStarts() throws Exception {
        var page = mvc.perform(post("/tokens")
                        .with(user("root").roles("ADMIN"))
                        .with(csrf())
                        .param("name", "dated")
                        .param("roles", "VIEWER")
                        .param("expiresAt", "2099-02-01"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("Token <span>dated</span> created", "2099-02-01T00:00:00Z");
    }

    @Test
    void onlyAnAdminSeesThePage() throws Exception {
        mvc.perform(get("/tokens").with(user("helpdesk").roles("OPERATOR"))).andExpect(status().isForbidden());
    }
}
