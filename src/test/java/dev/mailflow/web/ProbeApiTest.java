package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.diagnosis.Reason;
import dev.mailflow.probe.FieldProblem;
import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.TestRuns;
import dev.mailflow.probe.TooBusyException;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

@WebSliceTest
class ProbeApiTest extends WebSlice {

    static final String REQUEST = """
            { "domain": "example.com", "mailFrom": "helpdesk@contoso.com", "rcptTo": ["kate@example.com"],
              "host": null, "port": 25, "ehlo": "contoso.com", "tls": "OPPORTUNISTIC",
              "notify": ["SUCCESS", "FAILURE"], "quitAfter": "RCPT", "allMx": true,
              "message": { "subject": "contoso test", "body": "this is a test message" } }
            """;

    @Test
    void startingAProbeIsAcceptedWithItsLocation() throws Exception {
        when(probes.start(any(), any())).thenReturn(TestRuns.running("r9"));

        mvc.perform(post("/api/probes").contentType(MediaType.APPLICATION_JSON).content(REQUEST))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/probes/r9"))
                .andExpect(content().json("{\"id\":\"r9\",\"status\":\"RUNNING\"}", true));

        var request = ArgumentCaptor.forClass(ProbeRequest.class);
        verify(probes).start(request.capture(), any());
        assertThat(request.getValue().dsnNotify()).containsExactly(Notify.SUCCESS, Notify.FAILURE);
        assertThat(request.getValue().tls()).isEqualTo(TlsMode.OPPORTUNISTIC);
        assertThat(request.getValue().quitAfter()).isEqualTo(Phase.RCPT);
        assertThat(request.getValue().message().subject()).isEqualTo("contoso test");
    }

    @Test
    void invalidFieldsAreAProblemNamingEachField() throws Exception {
        when(probes.start(any(), any()))
                .thenThrow(new InvalidProbeException(List.of(new FieldProblem("rcptTo[0]", "Not an address"))));

        mvc.perform(post("/api/probes").contentType(MediaType.APPLICATION_JSON).content(REQUEST))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("rcptTo[0]"))
                .andExpect(jsonPath("$.errors[0].message").value("Not an address"))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void aBadEnumValueNamesItsField() throws Exception {
        mvc.perform(post("/api/probes")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"domain\":\"example.com\",\"notify\":[\"SUCCESS\",\"SOMETIMES\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("notify[1]"));
        mvc.perform(post("/api/probes")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"domain\":\"example.com\",\"tls\":\"MAYBE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tls"));
    }

    @Test
    void unreadableJsonIsA400Problem() throws Exception {
        mvc.perform(post("/api/probes").contentType(MediaType.APPLICATION_JSON).content("{\"domain\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors", hasSize(1)));
    }

    @Test
    void aBusyServiceIsA429WithRetryAfter() throws Exception {
        when(probes.start(any(), any())).thenThrow(new TooBusyException("queue full", Duration.ofMillis(12_500)));

        mvc.perform(post("/api/probes").contentType(MediaType.APPLICATION_JSON).content(REQUEST))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "13"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(429));
    }

    @Test
    void anUnknownRunIsA404Problem() throws Exception {
        mvc.perform(get("/api/probes/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void anUnknownRunsEventsAreA404ProblemEvenForAnEventSource() throws Exception {
        mvc.perform(get("/api/probes/nope/events").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isNotFound());
    }

    @Test
    void theResultHasTheContractShape() throws Exception {
        when(probes.find(eq("r1"), any())).thenReturn(Optional.of(TestRuns.rejectedRcpt("r1", "mx ESMTP")));
        when(knowledge.reason(any(), any())).thenReturn(Reason.RECIPIENT_UNKNOWN);

        var json = mvc.perform(get("/api/probes/r1"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().doesNotExist("Content-Disposition"))
                .andExpect(jsonPath("$.id").value("r1"))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.request.notify").isArray())
                .andExpect(jsonPath("$.request.rcptTo[0]").value("kate@example.com"))
                .andExpect(jsonPath("$.startedAt").value("2026-01-02T03:04:05Z"))
                .andExpect(jsonPath("$.finishedAt").value("2026-01-02T03:04:08Z"))
                .andExpect(jsonPath("$.verdict").value("Mail to kate@example.com would bounce: unknown user"))
                .andExpect(jsonPath("$.dns.domain").value("example.com"))
                .andExpect(jsonPath("$.dns.mx[0].preference").value(10))
                .andExpect(jsonPath("$.dns.mx[0].host").value("mx.example.com"))
                .andExpect(jsonPath("$.dns.mx[0].addresses[0]").value("192.0.2.25"))
                .andExpect(jsonPath("$.dns.implicitMx").value(false))
                .andExpect(jsonPath("$.dns.nullMx").value(false))
                .andExpect(jsonPath("$.dns.ms").value(12))
                .andExpect(jsonPath("$.sessions[0].host").value("mx.example.com"))
                .andExpect(jsonPath("$.sessions[0].address").value("192.0.2.25"))
                .andExpect(jsonPath("$.sessions[0].port").value(25))
                .andExpect(jsonPath("$.sessions[0].outcome").value("REJECTED"))
                .andExpect(jsonPath("$.sessions[0].phase").value("RCPT"))
                .andExpect(jsonPath("$.sessions[0].transcript[0].dir").value("S"))
                .andExpect(jsonPath("$.sessions[0].transcript[0].text").value("220 mx ESMTP"))
                .andExpect(jsonPath("$.sessions[0].transcript[1].dir").value("C"))
                .andExpect(jsonPath("$.sessions[0].transcript[0].at").isNumber())
                .andExpect(jsonPath("$.sessions[0].transcript[-1:].dir").value("I"))
                .andExpect(jsonPath("$.sessions[0].tls").value(nullValue()))
                .andExpect(jsonPath("$.sessions[0].replies[0].phase").value("RCPT"))
                .andExpect(jsonPath("$.sessions[0].replies[0].code").value(550))
                .andExpect(jsonPath("$.sessions[0].replies[0].enhanced").value("5.1.1"))
                .andExpect(jsonPath("$.sessions[0].replies[0].text").value("5.1.1 <kate@example.com>: User unknown"))
                .andExpect(jsonPath("$.sessions[0].replies[0].ms").value(7))
                .andExpect(jsonPath("$.sessions[0].replies[0].reason").value("RECIPIENT_UNKNOWN"))
                .andExpect(jsonPath("$.findings[0].reason").value("RECIPIENT_UNKNOWN"))
                .andExpect(jsonPath("$.findings[0].severity").value("CRITICAL"))
                .andExpect(jsonPath("$.findings[0].id").value("rcpt.unknown-user"))
                .andExpect(jsonPath("$.findings[0].owner").value("SENDER"))
                .andExpect(jsonPath("$.findings[0].evidence.session").value(TestRuns.SESSION))
                .andExpect(jsonPath("$.findings[0].refs[0]").value("RFC 3463 §3.2"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        var tree = JsonMapper.builder().build().readTree(json);
        assertThat(tree.propertyNames())
                .containsExactly(
                        "id",
                        "status",
                        "request",
                        "startedAt",
                        "finishedAt",
                        "outcome",
                        "risk",
                        "risks",
                        "verdict",
                        "customerMessage",
                        "advice",
                        "posture",
                        "dns",
                        "sessions",
                        "findings");
        assertThat(tree.get("sessions").get(0).propertyNames())
                .containsExactly("host", "address", "port", "outcome", "phase", "transcript", "tls", "replies");
        assertThat(tree.get("findings").get(0).propertyNames())
                .containsExactly("severity", "id", "title", "causes", "fixes", "owner", "evidence", "refs", "reason");
        assertThat(tree.get("sessions").get(0).get("transcript").get(0).propertyNames())
                .containsExactly("at", "dir", "text");
    }

    @Test
    void theResultDownloadsAsAFile() throws Exception {
        when(probes.find(eq("r1"), any())).thenReturn(Optional.of(TestRuns.rejectedRcpt("r1", "ok")));

        mvc.perform(get("/api/probes/r1").param("download", ""))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"mailflow-r1.json\""));
    }

    @Test
    void theEventStreamSendsEachEventAsJsonAndEndsWithDone() throws Exception {
        var run = TestRuns.rejectedRcpt("r1", "hi\revent: done");
        when(probes.find(eq("r1"), any())).thenReturn(Optional.of(run));

        var result = mvc.perform(get("/api/probes/r1/events").header("Last-Event-ID", "2"))
                .andExpect(request().asyncStarted())
                .andReturn();
        result.getAsyncResult(10_000);
        var sse = Sse.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));

        assertThat(sse.onlyKnownFields()).isTrue();
        assertThat(sse.ids().getFirst()).isEqualTo("3");
        assertThat(sse.names()).startsWith("received", "sent").endsWith("verdict", "finding", "done");
        var banner =
                JsonMapper.builder().build().readTree(sse.events().getFirst().data());
        assertThat(banner.get("seq").asLong()).isEqualTo(3);
        assertThat(banner.get("kind").asString()).isEqualTo("RECEIVED");
        assertThat(banner.get("text").asString()).isEqualTo("220 hi\revent: done");
        assertThat(banner.get("session").asString()).isEqualTo(TestRuns.SESSION);
    }

    @Test
    void theResultCarriesTheOutcomeAsAValueOnceTheRunIsOver() throws Exception {
        when(probes.find(eq("r1"), any())).thenReturn(Optional.of(TestRuns.rejectedRcpt("r1", "ok")));
        when(probes.find(eq("r2"), any())).thenReturn(Optional.of(TestRuns.running("r2")));

        mvc.perform(get("/api/probes/r1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("BOUNCE"))
                .andExpect(jsonPath("$.verdict").value("Mail to kate@example.com would bounce: unknown user"));
        mvc.perform(get("/api/probes/r2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RUNNING"))
                .andExpect(jsonPath("$.outcome").value(nullValue()));
    }

    @Test
    void eachStreamedEventCarriesItsTypedDetail() throws Exception {
        when(probes.find(eq("r1"), any())).thenReturn(Optional.of(TestRuns.rejectedRcpt("r1", "mx ESMTP")));

        var result = mvc.perform(get("/api/probes/r1/events"))
                .andExpect(request().asyncStarted())
                .andReturn();
        result.getAsyncResult(10_000);
        var sse = Sse.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
        var json = JsonMapper.builder().build();
        var events = sse.events().stream().map(e -> json.readTree(e.data())).toList();

        var session = events.stream()
                .filter(e -> e.get("kind").asString().equals("SESSION"))
                .findFirst()
                .orElseThrow();
        assertThat(session.get("detail").get("type").asString()).isEqualTo("session");
        assertThat(session.get("detail").get("ehlo").asString()).isEqualTo("contoso.com");
        var rcpt = events.stream()
                .filter(e -> e.get("kind").asString().equals("RECEIVED")
                        && e.get("phase").asString().equals("RCPT"))
                .findFirst()
                .orElseThrow();
        assertThat(rcpt.get("detail").get("type").asString()).isEqualTo("reply");
        assertThat(rcpt.get("detail").get("code").asInt()).isEqualTo(550);
        assertThat(rcpt.get("detail").get("enhanced").asString()).isEqualTo("5.1.1");
        assertThat(rcpt.get("detail").get("ms").asLong()).isEqualTo(7);
        var sent = events.stream()
                .filter(e -> e.get("kind").asString().equals("SENT"))
                .findFirst()
                .orElseThrow();
        assertThat(sent.get("detail").isNull()).isTrue();
        var done = events.getLast();
        assertThat(done.get("detail").get("type").asString()).isEqualTo("done");
        assertThat(done.get("detail").get("status").asString()).isEqualTo("COMPLETED");
    }
}
