package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.ExplainedReply;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Owner;
import dev.mailflow.diagnosis.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebSliceTest
class CodesTest {

    static final CodeEntry MAILBOX = entry("550", CodeEntry.Kind.BASIC, "Mailbox unavailable");
    static final CodeEntry BAD_MAILBOX = entry("5.1.1", CodeEntry.Kind.ENHANCED, "Bad destination mailbox address");
    static final CodeEntry GREYLISTED = entry("451", CodeEntry.Kind.BASIC, "Local error <b>in processing</b>");

    @Autowired
    MockMvc mvc;

    @Autowired
    Knowledge knowledge;

    static CodeEntry entry(String key, CodeEntry.Kind kind, String title) {
        return new CodeEntry(
                key,
                kind,
                null,
                null,
                title,
                "What " + key + " means.",
                List.of("Cause of " + key),
                List.of("Fix for " + key),
                Owner.RECIPIENT_ADMIN,
                CodeEntry.Nature.PERMANENT,
                List.of("RFC 5321 §4.2.3"),
                List.of(),
                null,
                null);
    }

    @BeforeEach
    void knowledge() {
        when(knowledge.entries()).thenReturn(List.of(MAILBOX, BAD_MAILBOX, GREYLISTED));
        when(knowledge.lookup(anyString())).thenReturn(Optional.empty());
        when(knowledge.lookup("550")).thenReturn(Optional.of(MAILBOX));
        when(knowledge.lookup("5.1.1")).thenReturn(Optional.of(BAD_MAILBOX));
        when(knowledge.lookup("550 5.1.1")).thenReturn(Optional.of(BAD_MAILBOX));
    }

    @Test
    void theListShowsEveryCodeEscaped() throws Exception {
        var html = page("/codes");

        assertThat(html)
                .contains("<html", "href=\"/codes/550\"", "href=\"/codes/5.1.1\"", "Mailbox unavailable")
                .contains("Local error &lt;b&gt;in processing&lt;/b&gt;")
                .doesNotContain("<b>in");
    }

    @Test
    void aQueryFilters() throws Exception {
        var html = page("/codes?q=mailbox");

        assertThat(html).contains("Mailbox unavailable", "Bad destination").doesNotContain("Local error");
    }

    @Test
    void aPastedReplyIsExplained() throws Exception {
        var line = "550 5.1.1 <kate@example.com>: Recipient address rejected";
        when(knowledge.explainText(line))
                .thenReturn(List.of(new ExplainedReply(
                        line,
                        550,
                        "5.1.1",
                        Reason.RECIPIENT_UNKNOWN,
                        null,
                        null,
                        "The recipient does not exist",
                        List.of("Cause of 5.1.1"),
                        List.of("Fix for 5.1.1"),
                        Owner.SENDER,
                        CodeEntry.Nature.PERMANENT,
                        List.of(BAD_MAILBOX, MAILBOX))));

        var html = MvcPages.ok(mvc, get("/codes").param("q", line));

        assertThat(html)
                .contains("What this reply means", "The recipient does not exist", "recipient unknown")
                .contains("Bad destination mailbox address", "Cause of 5.1.1");
    }

    @Test
    void htmxSearchGetsOnlyTheResults() throws Exception {
        var html = MvcPages.ok(mvc, get("/codes?q=451").header("HX-Request", "true"));

        assertThat(html).contains("id=\"code-results\"", "Local error").doesNotContain("<html");
    }

    @Test
    void eachCodeHasAPage() throws Exception {
        assertThat(page("/codes/550")).contains("Mailbox unavailable", "Cause of 550", "Fix for 550");
        assertThat(page("/codes/5.1.1")).contains("Bad destination mailbox address");
        var encoded = mvc.perform(get("/codes/{code}", "550 5.1.1"))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(encoded.getRequest().getRequestURI()).isEqualTo("/codes/550%205.1.1");
        assertThat(encoded.getResponse().getContentAsString()).contains("Bad destination mailbox address");
        mvc.perform(get("/codes/299")).andExpect(status().isNotFound());
    }

    @Test
    void eachCodeIsJsonToo() throws Exception {
        mvc.perform(get("/api/codes/5.1.1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.key").value("5.1.1"))
                .andExpect(jsonPath("$.title").value("Bad destination mailbox address"))
                .andExpect(jsonPath("$.causes[0]").value("Cause of 5.1.1"));
        mvc.perform(get("/api/codes/299"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private String page(String url) throws Exception {
        return MvcPages.ok(mvc, get(url));
    }
}
