package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.inbox.InboxReport;
import dev.mailflow.inbox.Mailbox;
import dev.mailflow.inbox.TestMailbox;
import dev.mailflow.posture.SpfResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

@WebSliceTest
class InboxPagesTest {

    static final String HOSTILE = "<script>alert(1)</script>";
    static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestMailbox mailbox;

    @BeforeEach
    void on() {
        when(mailbox.enabled()).thenReturn(true);
        when(mailbox.now()).thenReturn(NOW);
    }

    static Mailbox waiting(String id) {
        return new Mailbox(id, "check-abc@check.test", "user", NOW, NOW.plus(Duration.ofHours(1)), null, null);
    }

    static Mailbox received(String id) {
        var report = new InboxReport(
                NOW,
                new InboxReport.Client("127.0.0.1", "mail.sender.test", true, HOSTILE, false),
                new InboxReport.Tls("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
                "kate@sender.test",
                "sender.test",
                new InboxReport.Spf(SpfResult.PASS, "sender.test", "ip4:127.0.0.0/8", null),
                List.of(),
                null,
                List.of(),
                List.of(),
                null,
                1234,
                List.of(new InboxReport.Finding("inbox.helo-mismatch", "INFO", "HELO " + HOSTILE, "SENDER")));
        return new Mailbox(id, "check-abc@check.test", "user", NOW, NOW.plus(Duration.ofHours(1)), NOW, report);
    }

    @Test
    void theReportPageEscapesWhatTheSenderWrote() throws Exception {
        when(mailbox.find(eq("r1"), anyString(), anyBoolean())).thenReturn(Optional.of(received("r1")));
        var html = MvcPages.ok(mvc, get("/inbox/r1"));
        assertThat(html)
                .contains("check-abc@check.test")
                .contains("TLSv1.3 TLS_AES_256_GCM_SHA384")
                .contains("mail.sender.test")
                .contains("&lt;script&gt;")
                .doesNotContain(HOSTILE)
                .doesNotContain("sse-connect");
    }

    @Test
    void aWaitingAddressStreamsItsReportWhenItArrives() throws Exception {
        when(mailbox.find(eq("r2"), anyString(), anyBoolean()))
                .thenReturn(Optional.of(waiting("r2")), Optional.of(waiting("r2")), Optional.of(received("r2")));
        var page = mvc.perform(get("/inbox/r2")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("sse-connect=\"/inbox/r2/stream\"").contains("Waiting for the message");

        var result = mvc.perform(get("/inbox/r2/stream"))
                .andExpect(request().asyncStarted())
                .andReturn();
        result.getAsyncResult(10_000);
        var body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains("event:report").contains("TLSv1.3").contains("event:done");
        assertThat(body.indexOf("event:done")).isGreaterThan(body.lastIndexOf("event:report"));
    }

    @Test
    void anotherUsersAddressIsNotFound() throws Exception {
        when(mailbox.find(eq("r3"), anyString(), anyBoolean())).thenReturn(Optional.empty());
        mvc.perform(get("/inbox/r3")).andExpect(status().isNotFound());
        mvc.perform(get("/inbox/r3/stream")).andExpect(status().isNotFound());
    }

    @Test
    void theMenuOffersTheMailboxToOperators() throws Exception {
        when(mailbox.recent(anyString(), anyBoolean(), anyInt())).thenReturn(List.of(received("r4")));
        var html = mvc.perform(get("/inbox")).andReturn().getResponse().getContentAsString();
        assertThat(html)
                .contains("id=\"nav-inbox\"")
                .contains("Test our outbound mail")
                .contains("id=\"inbox-new\"")
                .contains("/inbox/r4");
        when(mailbox.create("user")).thenReturn(waiting("r5"));
        mvc.perform(
                        post("/inbox")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void whenOffTheApiSaysSoAsAProblem() throws Exception {
        when(mailbox.enabled()).thenReturn(false);
        var problem = mvc.perform(post("/api/inbox"))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(problem).contains("mailflow.inbox.enabled");
    }

    @Test
    @WithMockUser(roles = "VIEWER")
    void viewersSeeNoLinkAndMayNotAskForAnAddress() throws Exception {
        when(mailbox.recent(anyString(), anyBoolean(), anyInt())).thenReturn(List.of());
        var html = mvc.perform(get("/inbox")).andReturn().getResponse().getContentAsString();
        assertThat(html).doesNotContain("id=\"nav-inbox\"").doesNotContain("id=\"inbox-new\"");
        mvc.perform(
                        post("/inbox")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isForbidden());
    }
}
