package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.anonymous;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.diagnosis.Knowledge;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The bounce explainer, page and API, with the real knowledge files. */
@ExplainerSlice
@WithMockUser(roles = "VIEWER")
class ExplainerTest {

    static final String POSTFIX_DSN = """
            <kate@example.org>: host mx.example.org[192.0.2.10] said: 550 5.1.1
                <kate@example.org>: Recipient address rejected: User unknown in virtual
                mailbox table (in reply to RCPT TO command)

            Reporting-MTA: dns; mail.contoso.com
            Final-Recipient: rfc822; kate@example.org
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <kate@example.org>: Recipient address
                rejected: User unknown in virtual mailbox table
            """;

    static final String EXCHANGE_NDR = """
            Delivery has failed to these recipients or groups:
            kate@example.org
            Diagnostic information for administrators:
            Generating server: DB6PR0101MB2345.eurprd01.prod.exchangelabs.com
            Remote Server returned '554 5.7.1 <b>Service</b> unavailable; Client host [203.0.113.5] blocked using b.barracudacentral.org'
            """;

    static final String GMAIL_BOUNCE = """
            ** Message blocked **
            Your message to kate@example.org has been blocked. See technical details below for more information.
            The response from the remote server was:
            550-5.7.26 Unauthenticated email from contoso.com is not accepted due to domain's
            550-5.7.26 DMARC policy. Please contact the administrator of contoso.com domain if
            550 5.7.26 this was a legitimate mail.
            """;

    @Autowired
    MockMvc mvc;

    @Test
    void theApiExplainsEveryBounceFormat() throws Exception {
        explain(POSTFIX_DSN)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replies.length()").value(1))
                .andExpect(jsonPath("$.replies[0].code").value(550))
                .andExpect(jsonPath("$.replies[0].enhanced").value("5.1.1"))
                .andExpect(jsonPath("$.replies[0].reason").value("RECIPIENT_UNKNOWN"))
                .andExpect(jsonPath("$.replies[0].owner").value("SENDER"))
                .andExpect(jsonPath("$.replies[0].causes[0]").isString())
                .andExpect(jsonPath("$.replies[0].fixes[0]").isString());
        explain(EXCHANGE_NDR)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replies[0].reason").value("BLOCKLISTED"))
                .andExpect(jsonPath("$.replies[0].detail").value("Barracuda Reputation Block List"))
                .andExpect(jsonPath("$.replies[0].line").value(org.hamcrest.Matchers.containsString("<b>Service</b>")));
        explain(GMAIL_BOUNCE)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replies.length()").value(1))
                .andExpect(jsonPath("$.replies[0].code").value(550))
                .andExpect(jsonPath("$.replies[0].reason").value("SENDER_AUTH_FAILED"))
                .andExpect(jsonPath("$.replies[0].detail").value("DMARC"))
                .andExpect(jsonPath("$.replies[0].title").isString());
    }

    @Test
    void emptyOrOversizedTextIsRefusedWithAClearMessage() throws Exception {
        explain("  ")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        mvc.perform(post("/api/explain").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest());
        explain("550 5.1.1 x\n".repeat(Knowledge.MAX_PASTED / 10))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("longer than")))
                .andExpect(jsonPath("$.errors[0].field").value("text"));
    }

    @Test
    void theApiNeedsASignedInUser() throws Exception {
        mvc.perform(post("/api/explain")
                        .with(anonymous())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("550 5.1.1 User unknown")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void thePageExplainsAPastedBounceEscaped() throws Exception {
        var html = MvcPages.ok(mvc, post("/codes").with(csrf()).param("text", EXCHANGE_NDR));

        assertThat(html)
                .contains("What this reply means", "blocklisted", "Barracuda Reputation Block List")
                .contains("&lt;b&gt;Service&lt;/b&gt;")
                .doesNotContain("<b>Service</b>");
        mvc.perform(post("/codes").param("text", EXCHANGE_NDR)).andExpect(status().isForbidden());
    }

    @Test
    void thePageSaysWhenNoReplyWasFound() throws Exception {
        var html = MvcPages.ok(mvc, post("/codes").with(csrf()).param("text", "Hello\nthere"));

        assertThat(html).contains("found no server reply");
    }

    @Test
    void searchTakesTheClassFromTheFirstDigitPasted() throws Exception {
        var html = page("/codes?q=451 4.7.1");

        assertThat(html).contains("transient").doesNotContain(">permanent<");
    }

    @Test
    void searchFindsAContinuationLine() throws Exception {
        var html = page("/codes?q=421-4.7.0 This message is suspicious due to the very low reputation");

        assertThat(html).contains("What this reply means", "bad reputation");
    }

    @Test
    void searchShowsTitlesNotInternalIds() throws Exception {
        var html = page("/codes?q=greylisting");

        assertThat(html).doesNotContain(">generic:").doesNotContain(">postfix:");
    }

    @Test
    void anUnknownCodeDoesNotTalkAboutExpiredRuns() throws Exception {
        var html = mvc.perform(get("/codes/999"))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("no such reply code").doesNotContain("expired");
    }

    private org.springframework.test.web.servlet.ResultActions explain(String text) throws Exception {
        return mvc.perform(
                post("/api/explain").contentType(MediaType.APPLICATION_JSON).content(json(text)));
    }

    private static String json(String text) {
        return JsonMapper.builder().build().writeValueAsString(Map.of("text", text));
    }

    private String page(String url) throws Exception {
        return MvcPages.ok(mvc, get(url));
    }
}
