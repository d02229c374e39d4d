package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.probe.FieldProblem;
import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.TestRuns;
import dev.mailflow.probe.TooBusyException;
import dev.mailflow.probe.Vantages;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@WebSliceTest
class FormControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ProbeService probes;

    @Test
    void thePageHasTheFormRecentProbesAndSecurityHeaders() throws Exception {
        when(probes.recent(any())).thenReturn(List.of(TestRuns.rejectedRcpt("r1", "mx.example.com ESMTP")));

        var html = mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", SecurityHeaders.POLICY))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("<html", "id=\"probe-form\"", "name=\"rcptTo\"", "name=\"quitAfter\"", "Recent probes")
                .contains("href=\"/probes/r1\"", "/webjars/htmx.org/", "/dist/htmx.min.js", "/webjars/htmx-ext-sse/")
                .contains("name=\"htmx-config\"", "\"allowEval\":false", "\"selfRequestsOnly\":true")
                .doesNotContain("style=\"", "onclick", "<script>");
    }

    @Autowired
    Vantages vantages;

    @Test
    void theFormOffersTheLiveVantagesAndPassesTheCheckedOnes() throws Exception {
        when(vantages.live()).thenReturn(List.of("central", "eu-west"));
        when(probes.start(any(), any())).thenReturn(TestRuns.running("abc123"));

        var html = mvc.perform(get("/")).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Check from", "name=\"vantages\" value=\"eu-west\"", "value=\"central\"");

        mvc.perform(post("/probes")
                        .with(csrf())
                        .param("rcptTo", "kate@example.com")
                        .param("vantages", "central", "eu-west"))
                .andExpect(status().isSeeOther());
        var request = ArgumentCaptor.forClass(ProbeRequest.class);
        verify(probes).start(request.capture(), any());
        assertThat(request.getValue().vantages()).containsExactly("central", "eu-west");
    }

    @Test
    void oneVantageOffersNoChoice() throws Exception {
        when(vantages.live()).thenReturn(List.of("local"));

        var html = mvc.perform(get("/")).andReturn().getResponse().getContentAsString();

        assertThat(html).doesNotContain("Check from", "name=\"vantages\"");
    }

    @Test
    void htmxGetsOnlyTheFormFragment() throws Exception {
        var html = MvcPages.ok(mvc, get("/").header("HX-Request", "true"));

        assertThat(html).contains("id=\"probe-form\"").doesNotContain("<html", "Recent probes");
    }

    @Test
    void aPlainPostRedirectsToTheRunPage() throws Exception {
        var run = TestRuns.running("abc123");
        when(probes.start(any(), any())).thenReturn(run);

        mvc.perform(post("/probes")
                        .with(csrf())
                        .param("rcptTo", "kate@example.com, bob@example.com")
                        .param("mailFrom", "<>")
                        .param("tls", "REQUIRED")
                        .param("quitAfter", "MAIL")
                        .param("dsnNotify", "SUCCESS", "FAILURE"))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/probes/abc123"));

        var request = ArgumentCaptor.forClass(ProbeRequest.class);
        verify(probes).start(request.capture(), any());
        assertThat(request.getValue().rcptTo()).containsExactly("kate@example.com", "bob@example.com");
        assertThat(request.getValue().mailFrom()).isEmpty();
        assertThat(request.getValue().tls()).isEqualTo(TlsMode.REQUIRED);
        assertThat(request.getValue().quitAfter()).isEqualTo(Phase.MAIL);
        assertThat(request.getValue().dsnNotify()).containsExactly(Notify.SUCCESS, Notify.FAILURE);
        assertThat(request.getValue().allMx()).isFalse();
    }

    @Test
    void htmxGetsTheRunFragmentThatJoinsTheStream() throws Exception {
        when(probes.start(any(), any())).thenReturn(TestRuns.running("abc123"));

        var html = mvc.perform(post("/probes")
                        .with(csrf())
                        .header("HX-Request", "true")
                        .param("rcptTo", "example.com"))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Push-Url", "/probes/abc123"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("sse-connect=\"/probes/abc123/stream?after=0\"", "sse-close=\"done\"")
                .contains("aria-live=\"polite\"", "sse-swap=\"session,line,outcome\"", "hx-swap=\"beforeend\"")
                .doesNotContain("<html");
    }

    @Test
    void serviceProblemsShowNextToTheirFieldsInThePage() throws Exception {
        when(probes.start(any(), any()))
                .thenThrow(new InvalidProbeException(List.of(
                        new FieldProblem("rcptTo[0]", "Not an address: <kate>"),
                        new FieldProblem("port", "Port 26 is not allowed"))));

        var html = mvc.perform(
                        post("/probes").with(csrf()).param("rcptTo", "kate@").param("port", "26"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("<html", "id=\"rcptTo-error\"", "Not an address: &lt;kate&gt;")
                .contains("id=\"port-error\"", "Port 26 is not allowed")
                .contains("value=\"kate@\"");
    }

    @Test
    void formProblemsComeBackAsTheFormFragmentForHtmx() throws Exception {
        var html = mvc.perform(post("/probes")
                        .with(csrf())
                        .header("HX-Request", "true")
                        .param("rcptTo", "")
                        .param("port", "twenty-five"))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Retarget", "#probe-form"))
                .andExpect(header().string("HX-Reswap", "outerHTML"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("id=\"rcptTo-error\"", "Give a recipient address or a domain.")
                .contains("id=\"port-error\"", "The port is a number")
                .doesNotContain("<html");
        verify(probes, never()).start(any(), any());
    }

    @Test
    void anEmptySubmitSaysOnceThatTheRecipientIsMissing() throws Exception {
        // The service's own check of the same field, in its own words (what ProbeValidation says).
        when(probes.problems(any()))
                .thenReturn(List.of(new FieldProblem("rcptTo", "give a recipient address or a domain")));

        var html = mvc.perform(post("/probes")
                        .with(csrf())
                        .header("HX-Request", "true")
                        .param("rcptTo", ""))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).containsOnlyOnce("Give a recipient address or a domain.");
        assertThat(html.toLowerCase(java.util.Locale.ROOT)).containsOnlyOnce("give a recipient address or a domain");
    }

    @Test
    void everyBadFieldIsShownAtOnceAndALineBreakDoesNotMakeADomain() throws Exception {
        when(probes.problems(any()))
                .thenReturn(List.of(new FieldProblem("host", "not a valid host name or IP address: '-mx.test'")));

        var html = mvc.perform(post("/probes")
                        .with(csrf())
                        .param("rcptTo", "kate@ok.test\r\nRSET")
                        .param("host", "-mx.test")
                        .param("port", "twenty-five"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("id=\"rcptTo-error\"", "&#39;RSET&#39; is not an address")
                .contains("id=\"port-error\"", "The port is a number")
                .contains("id=\"host-error\"", "not a valid host name");
        var checked = ArgumentCaptor.forClass(ProbeRequest.class);
        verify(probes).problems(checked.capture());
        assertThat(checked.getValue().domain()).isNull();
        assertThat(checked.getValue().rcptTo()).containsExactly("kate@ok.test");
        verify(probes, never()).start(any(), any());
    }

    @Test
    void aBusyServiceIsAFriendlyMessageNotAnError() throws Exception {
        when(probes.start(any(), any()))
                .thenThrow(new TooBusyException(
                        "You have started 30 probes in the last 10 minutes", Duration.ofSeconds(30)));

        mvc.perform(post("/probes").with(csrf()).param("rcptTo", "kate@example.com"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("try again in 30 seconds")));
    }

    @Test
    void aLongWaitOnThePageIsTheSameNumberOfSecondsAsTheRetryAfterHeader() throws Exception {
        // Above ten minutes the page used to round to minutes ("31 minutes") while the header said 1801.
        when(probes.start(any(), any()))
                .thenThrow(new TooBusyException(
                        "example.com has been probed 3 times in the last 1 hour", Duration.ofMillis(1_800_400)));

        mvc.perform(post("/probes").with(csrf()).param("rcptTo", "kate@example.com"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "1801"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("try again in 1801 seconds.")));
    }

    @Test
    void runAgainStartsTheSameRequestAsANewRun() throws Exception {
        var previous = TestRuns.rejectedRcpt("r1", "ok");
        when(probes.find(eq("r1"), any())).thenReturn(Optional.of(previous));
        when(probes.start(eq(previous.request()), any())).thenReturn(TestRuns.running("r2"));

        mvc.perform(post("/probes/r1/again").with(csrf()))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/probes/r2"));
        mvc.perform(post("/probes/r1/again").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Redirect", "/probes/r2"));
    }

    @Test
    void runAgainOfAnUnknownRunIsNotFound() throws Exception {
        mvc.perform(post("/probes/nope/again").with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void theRecentProbesShowEachRunsOutcomeAndReloadAlone() throws Exception {
        var finished = TestRuns.rejectedRcpt("r1", "ok");
        when(probes.recent(any())).thenReturn(List.of(TestRuns.running("r2"), finished));

        var html = MvcPages.ok(mvc, get("/").header("HX-Request", "true").header("HX-Target", "recent"));

        assertThat(html)
                .contains("id=\"recent\"", "outcome-bounce\">bounce<", "outcome-running\">running<")
                .doesNotContain("probe-form", "<html");
    }
}
