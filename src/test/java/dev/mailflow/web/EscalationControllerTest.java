package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.probe.TestRuns;
import dev.mailflow.smtp.Phase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@WebSliceTest
class EscalationControllerTest extends WebSlice {

    static ProbeRun finished(String id, String rcptReply) {
        var run = TestRuns.rejectedRcptRunning(id, "mx.example.com ESMTP", rcptReply);
        TestRuns.event(
                run,
                TestRuns.SESSION,
                Phase.CONNECT,
                ProbeEvent.Kind.INFO,
                "connected from 198.51.100.7:40123 in 4 ms",
                new EventDetail.Connected("198.51.100.7:40123", "192.0.2.25:25", 4));
        TestRuns.finish(run, RunStatus.COMPLETED);
        return run;
    }

    @Test
    void aDeliverableRunQuotesItsWarningAsEvidenceNotAsAFailingExchange() throws Exception {
        given(TestRuns.acceptedWithTlsWarning("e2"));

        var text = mvc.perform(get("/probes/e2/escalation.txt"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(text)
                .contains("Evidence:\n  C: STARTTLS\n  S: 220 2.0.0 Ready to start TLS\n")
                .doesNotContain("Failing exchange");
    }

    @Test
    void theNoteHasTimeOurAddressTheServerTheFailingExchangeAndTheFinding() throws Exception {
        given(finished("e1", "550 5.1.1 <kate@example.com>: User unknown"));

        var text = mvc.perform(get("/probes/e1/escalation.txt"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/plain;charset=UTF-8"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(text)
                .contains("mailflow test of kate@example.com")
                .contains("Time:               2026-01-02 03:04:05 UTC (run e1, COMPLETED)")
                .contains("From (our address): 198.51.100.7:40123")
                .contains("EHLO name:          contoso.com")
                .contains("MX host:            mx.example.com (preference 10)")
                .contains("Address tried:      192.0.2.25 port 25")
                .contains("Verdict:            Mail to kate@example.com would bounce: unknown user")
                .contains("Failing exchange:\n  C: RCPT TO:<kate@example.com>\n"
                        + "  S: 550 5.1.1 <kate@example.com>: User unknown\n")
                .contains("Finding: The mailbox does not exist [critical]")
                .contains("Reason:             recipient unknown\nWho must act:       the user")
                .contains("Likely causes:\n  1. A typo in the address")
                .contains("What to do:\n  1. Check the address with the recipient")
                .contains("References:         RFC 3463 §3.2");
    }

    @Test
    void serverTextIsQuotedVerbatimWithControlCharactersShown() throws Exception {
        given(finished("e2", "550 5.1.1 <b>no</b>\r\nX-Injected: 1\u0000"));

        var text = mvc.perform(get("/probes/e2/escalation.txt"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(text).contains("  S: 550 5.1.1 <b>no</b>␍␊X-Injected: 1␀").doesNotContain("\r", "\u0000");
    }

    @Test
    void aRunWithoutSessionsSaysSoInsteadOfInventingAnExchange() throws Exception {
        var run = given(TestRuns.running("e5"));
        TestRuns.finish(run, RunStatus.COMPLETED);

        assertThat(body("/probes/e5/escalation.txt"))
                .contains("From (our address): unknown: no connection was established")
                .contains("MX host:            none was tried")
                .contains("Failing exchange:\n  (no SMTP reply: no session ran)")
                .doesNotContain("Finding:");
    }

    @Test
    void unknownRunsAreNotFound() throws Exception {
        mvc.perform(get("/probes/nope/escalation.txt")).andExpect(status().isNotFound());
        mvc.perform(get("/probes/nope/escalation")).andExpect(status().isNotFound());
    }

    @Test
    void theRunPageLoadsTheBoxAndTheBoxIsAReadOnlyTextareaWithACopyButton() throws Exception {
        given(finished("e3", "550 5.1.1 <kate@example.com>: User unknown"));

        var page = body("/probes/e3");
        assertThat(page)
                .contains("Copy for escalation", "href=\"/probes/e3/escalation.txt\"")
                .contains("hx-get=\"/probes/e3/escalation\"", "hx-trigger=\"load\"");

        var box = body("/probes/e3/escalation");
        assertThat(box)
                .contains("<textarea readonly", "id=\"escalation-e3\"", "data-copy=\"escalation-e3\"")
                .contains("RCPT TO:&lt;kate@example.com&gt;")
                .doesNotContain("<html");
    }

    @Test
    void aLiveRunPageLoadsTheBoxWhenTheRunIsDone() throws Exception {
        given(TestRuns.rejectedRcptRunning("e4", "ok"));

        assertThat(body("/probes/e4")).contains("hx-trigger=\"sse:done\"");
        assertThat(body("/probes/e4/escalation"))
                .contains("Shown once the run is over")
                .doesNotContain("<textarea");
    }

    private String body(String path) throws Exception {
        return mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
