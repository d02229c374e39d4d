package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.Explanation;
import dev.mailflow.diagnosis.PlainWords;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.probe.TestRuns;
import dev.mailflow.smtp.Phase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebSliceTest
@TestPropertySource(properties = "mailflow.web.heartbeat=50ms")
class RunControllerTest extends WebSlice {

    static final String HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)>";

    @BeforeEach
    void knowledge() {
        var entry = new CodeEntry(
                "5.1.1",
                CodeEntry.Kind.ENHANCED,
                null,
                null,
                "Bad destination mailbox address",
                "The mailbox does not exist.",
                List.of(),
                List.of(),
                null,
                CodeEntry.Nature.PERMANENT,
                List.of(),
                List.of(),
                null,
                null);
        when(knowledge.explain(anyInt(), any(), anyString()))
                .thenReturn(new Explanation("", 550, "5.1.1", List.of(entry)));
        when(knowledge.unfinishedWords(anyString(), anyString()))
                .thenReturn(new PlainWords("Our test could not finish.", "Run the test again."));
    }

    @Test
    void aFinishedRunIsAPermalinkWithEverythingAndNoStream() throws Exception {
        given(TestRuns.rejectedRcpt("r1", HOSTILE));

        var html = body(get("/probes/r1"));

        assertThat(html)
                .contains("<html", "mx.example.com", "would bounce", "The mailbox does not exist")
                .contains("Reason: <strong>recipient unknown</strong>")
                .contains("C:", "S:", "EHLO contoso.com", "class=\"tl tl-sent k-sent\"", "tl-received")
                .contains("href=\"/codes/550\"", "title=\"5.1.1: Bad destination mailbox address\"")
                .contains("href=\"#ev-10\"", "id=\"ev-10\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>alert", "<img src=x", "sse-connect");
    }

    @Test
    void theAnswerComesFirstThenTheServersThenTheTranscript() throws Exception {
        given(TestRuns.rejectedRcpt("r1", "ok"));

        var html = body(get("/probes/r1"));

        assertThat(html)
                .contains("class=\"verdict outcome-bounce\"", "class=\"badge outcome\">bounce</strong>")
                .contains("Run time", "mx.example.com: rejected at RCPT")
                .contains("Run again", "action=\"/probes/r1/again\"", "Test another domain");
        var verdict = html.indexOf("id=\"verdict\"");
        var findings = html.indexOf("id=\"findings\"");
        var matrix = html.indexOf("id=\"matrix-r1\"");
        var transcript = html.indexOf("id=\"transcript-r1\"");
        assertThat(verdict).isPositive().isLessThan(findings);
        assertThat(findings).isLessThan(matrix);
        assertThat(matrix).isLessThan(transcript);
        // Screen readers hear the verdict and the findings, not every transcript line.
        assertThat(html.substring(transcript, html.indexOf(">", transcript))).doesNotContain("aria-live");
        assertThat(html).contains("aria-label=\"Copy the transcript\"", "aria-label=\"Transcript as a text file\"");
    }

    @Test
    void aRunningRunHasNoRunAgainYet() throws Exception {
        given(TestRuns.running("r2"));

        assertThat(body(get("/probes/r2"))).doesNotContain("Run again").contains("Waiting for the sessions to end");
    }

    @Test
    void aRunningRunJoinsTheStreamAfterWhatItRendered() throws Exception {
        var run = given(TestRuns.rejectedRcptRunning("r2", "ok"));

        var html = body(get("/probes/r2"));

        var last = run.events().getLast().seq();
        assertThat(html).contains("sse-connect=\"/probes/r2/stream?after=" + last + "\"", "sse-close=\"done\"");
    }

    @Test
    void htmxGetsTheRunFragment() throws Exception {
        given(TestRuns.rejectedRcpt("r1", "ok"));

        assertThat(body(get("/probes/r1").header("HX-Request", "true")))
                .contains("class=\"run\"")
                .doesNotContain("<html");
    }

    @Test
    void anUnknownRunIsAFriendlyNotFoundPage() throws Exception {
        var html = mvc.perform(get("/probes/nope"))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("<html", "There is no probe run with that id.", "may have expired");
    }

    @Test
    void theTranscriptDownloadsAsText() throws Exception {
        given(TestRuns.rejectedRcpt("r1", "mx ESMTP\rinjected"));

        var text = mvc.perform(get("/probes/r1/transcript.txt"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"mailflow-r1.txt\""))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(text)
                .contains("# run:     r1", "# target:  kate@example.com")
                .contains("C: EHLO contoso.com", "S: 250 2.1.0 Ok", "S: 220 mx ESMTP␍injected")
                .doesNotContain("\r");
    }

    @Test
    void theStreamSendsEveryEventWithItsSeqAndNameAndEndsWithDone() throws Exception {
        var run = given(TestRuns.rejectedRcpt("r1", HOSTILE));

        var result = mvc.perform(get("/probes/r1/stream"))
                .andExpect(request().asyncStarted())
                .andReturn();
        result.getAsyncResult(10_000);
        assertThat(result.getResponse().getContentType()).startsWith("text/event-stream");
        var body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        var sse = Sse.parse(body);

        assertThat(body).contains("id:1\n", "event:plan\n");
        assertThat(sse.ids())
                .containsExactlyElementsOf(
                        run.events().stream().map(e -> String.valueOf(e.seq())).toList());
        assertThat(sse.names()).startsWith("plan", "session", "line").endsWith("verdict", "finding", "done");
        assertThat(sse.names()).contains("outcome");
        assertThat(sse.events().get(3).data()).contains("C:", "EHLO contoso.com");
        assertThat(sse.events().get(2).data())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x")
                .doesNotContain("<script>", "<img");
        assertThat(sse.onlyKnownFields()).isTrue();
        // A command means the phase before it is over: the matrix comes along, swapped in by id.
        assertThat(sse.events().get(3).data()).contains("id=\"matrix-r1\"", "hx-swap-oob=\"true\"");
        assertThat(sse.events().get(2).data()).doesNotContain("matrix-r1");
        assertThat(sse.events().getLast().data())
                .contains("id=\"run-actions-r1\"", "hx-post=\"/probes/r1/again\"", "Run again");
    }

    @Test
    void aReconnectGetsOnlyWhatItMissed() throws Exception {
        given(TestRuns.rejectedRcpt("r1", "ok"));

        var byHeader = Sse.parse(stream(get("/probes/r1/stream").header("Last-Event-ID", "12")));
        var byParam = Sse.parse(stream(get("/probes/r1/stream?after=12")));
        var headerWins = Sse.parse(stream(get("/probes/r1/stream?after=2").header("Last-Event-ID", "12")));

        assertThat(byHeader.ids()).containsExactly("13", "14", "15", "16");
        assertThat(byHeader.names()).containsExactly("outcome", "verdict", "finding", "done");
        assertThat(byParam.ids()).isEqualTo(byHeader.ids());
        assertThat(headerWins.ids()).isEqualTo(byHeader.ids());
    }

    @Test
    void aFinishedRunWithNothingMissedTellsTheBrowserToStopReconnecting() throws Exception {
        given(TestRuns.rejectedRcpt("r1", "ok"));

        mvc.perform(get("/probes/r1/stream").header("Last-Event-ID", "16")).andExpect(status().isNoContent());
        mvc.perform(get("/probes/nope/stream")).andExpect(status().isNotFound());
    }

    @Test
    void aBareCrInAReplyCannotStartAnotherSseField() throws Exception {
        var run = given(TestRuns.running("r3"));
        TestRuns.event(run, "s", Phase.BANNER, ProbeEvent.Kind.RECEIVED, "220 hi\rid: 999\revent: done\rdata: <b>x");
        TestRuns.event(run, "s", Phase.BANNER, ProbeEvent.Kind.RECEIVED, "220 two\nevent: done\r\n\r\ndata: y");
        TestRuns.finish(run, RunStatus.COMPLETED);

        var sse = Sse.parse(stream(get("/probes/r3/stream")));

        assertThat(sse.onlyKnownFields()).isTrue();
        assertThat(sse.ids()).containsExactly("1", "2", "3");
        assertThat(sse.names()).containsExactly("line", "line", "done");
        assertThat(sse.events().getFirst().data()).contains("hi␍id: 999␍event: done␍data: &lt;b&gt;x");
    }

    @Test
    void aQuietRunGetsHeartbeatsUntilItEnds() throws Exception {
        var run = given(TestRuns.running("r4"));
        TestRuns.event(run, null, null, ProbeEvent.Kind.PLAN, "MX 10 mx.example.com");

        var result = mvc.perform(get("/probes/r4/stream"))
                .andExpect(request().asyncStarted())
                .andReturn();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> result.getResponse().getContentAsString().contains(":heartbeat"));
        TestRuns.event(run, "s", Phase.CONNECT, ProbeEvent.Kind.SESSION, "mx.example.com [192.0.2.25]:25");
        TestRuns.finish(run, RunStatus.INTERRUPTED);
        result.getAsyncResult(10_000);

        var body = result.getResponse().getContentAsString();
        var sse = Sse.parse(body);
        assertThat(body).contains(":heartbeat");
        assertThat(sse.names()).containsExactly("plan", "session", "done");
        assertThat(sse.events().getLast().data()).contains("interrupted");
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return MvcPages.ok(mvc, request);
    }

    private String stream(MockHttpServletRequestBuilder request) throws Exception {
        var result = mvc.perform(request).andExpect(request().asyncStarted()).andReturn();
        result.getAsyncResult(10_000);
        // SSE is always UTF-8 (HTML Living Standard §9.2.5); the content type names no charset.
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownRunIsA404ForEveryPageOfARun() throws Exception {
        mvc.perform(get("/probes/nope/stream").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isNotFound());
        mvc.perform(get("/probes/nope/transcript.txt")).andExpect(status().isNotFound());
        mvc.perform(get("/probes/nope/escalation.txt")).andExpect(status().isNotFound());
        mvc.perform(get("/probes/nope/escalation")).andExpect(status().isNotFound());
    }
}
