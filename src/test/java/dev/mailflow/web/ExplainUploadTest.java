package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.TestRuns;
import dev.mailflow.testing.mail.OutlookMsgFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Uploads to the bounce explainer: a raw {@code .eml} ({@code message/rfc822}) and an Outlook
 * {@code .msg} to {@code POST /api/explain}, the same files on the page, the bad ones refused in
 * words, and "test this recipient now".
 */
@ExplainerSlice
@WithMockUser(roles = "OPERATOR")
@TestPropertySource(properties = "mailflow.messages.max-upload=256KB")
class ExplainUploadTest {

    static final MediaType RFC822 = MediaType.parseMediaType("message/rfc822");
    static final MediaType OUTLOOK = MediaType.parseMediaType("application/vnd.ms-outlook");

    @Autowired
    MockMvc mvc;

    @Autowired
    ProbeService probes;

    static byte[] eml() throws Exception {
        var text = Files.readString(Path.of("src/test/resources/bounces/01-postfix-dsn.txt"));
        return text.substring(text.indexOf("# ---\n") + 6).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] msg() {
        return new OutlookMsgFile()
                .messageClass("REPORT.IPM.Note.NDR")
                .subject("Undeliverable: Quarterly figures")
                .body(OutlookMsgFile.EXCHANGE_NDR)
                .bytes();
    }

    @Test
    void theApiReadsARawEml() throws Exception {
        mvc.perform(post("/api/explain").contentType(RFC822).content(eml()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("BOUNCE"))
                .andExpect(jsonPath("$.original.subject").value("Quarterly figures"))
                .andExpect(jsonPath("$.original.messageId").value("<c0ffee01@example.net>"))
                .andExpect(jsonPath("$.recipients[0].address").value("kate@example.org"))
                .andExpect(jsonPath("$.recipients[0].action").value("FAILED"))
                .andExpect(jsonPath("$.recipients[0].status").value("5.1.1"))
                .andExpect(jsonPath("$.recipients[0].remoteMta").value("mx.example.org"))
                .andExpect(jsonPath("$.recipients[0].reply.code").value(550))
                .andExpect(jsonPath("$.recipients[0].reply.enhanced").value("5.1.1"))
                .andExpect(jsonPath("$.recipients[0].reason").value("RECIPIENT_UNKNOWN"))
                .andExpect(jsonPath("$.recipients[0].owner").value("SENDER"))
                .andExpect(jsonPath("$.recipients[0].causes[0]").isString())
                .andExpect(jsonPath("$.replies[0].code").value(550))
                .andExpect(jsonPath("$.replies[0].entries").doesNotExist());
    }

    @Test
    void theApiReadsAnOutlookMsg() throws Exception {
        mvc.perform(post("/api/explain").contentType(OUTLOOK).content(msg()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("BOUNCE"))
                .andExpect(jsonPath("$.recipients[0].address").value("kate@example.org"))
                .andExpect(jsonPath("$.recipients[0].reason").value("RECIPIENT_UNKNOWN"));
    }

    @Test
    void badUploadsAreRefusedNamingTheProblem() throws Exception {
        mvc.perform(post("/api/explain").contentType(OUTLOOK).content("From: a@example.net\n\nhello"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value(org.hamcrest.Matchers.containsString("not an Outlook .msg")));
        mvc.perform(post("/api/explain").contentType(RFC822).content(new byte[] {0, 1, 2, 3}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        mvc.perform(post("/api/explain").contentType(RFC822).content(new byte[0]))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/explain").contentType(MediaType.TEXT_PLAIN).content("550 5.1.1"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.errors[0].field").value("Content-Type"));
        mvc.perform(post("/api/explain").contentType(RFC822).content(new byte[300 * 1024]))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value(org.hamcrest.Matchers.containsString("mailflow.messages.max-upload")));
    }

    @Test
    void thePageTakesAnUploadedEmlAndAnswersFirst() throws Exception {
        var html = upload(new MockMultipartFile("file", "bounce.eml", "message/rfc822", eml()));
        assertThat(html)
                .contains("A bounce: delivery failed", "kate@example.org", "The recipient does not exist")
                .contains("Test this recipient now", "name=\"mailFrom\" value=\"tom@example.net\"")
                .contains("The message that bounced", "Quarterly figures", "&lt;c0ffee01@example.net&gt;");
        // The answer comes before the details.
        assertThat(html.indexOf("A bounce: delivery failed")).isLessThan(html.indexOf("What this reply means"));
    }

    @Test
    void thePageTakesAnUploadedMsgAndSaysWhenAFileIsNone() throws Exception {
        assertThat(upload(new MockMultipartFile("file", "ndr.msg", "application/vnd.ms-outlook", msg())))
                .contains("A bounce: delivery failed", "kate@example.org");
        var fake = new byte[600];
        fake[0] = (byte) 0xD0;
        fake[1] = (byte) 0xCF;
        fake[2] = 0x11;
        fake[3] = (byte) 0xE0;
        assertThat(upload(new MockMultipartFile("file", "fake.msg", "application/vnd.ms-outlook", fake)))
                .contains("not an Outlook .msg file that can be read");
    }

    @Test
    void testingARecipientAgainStartsAProbeAndShowsTheLiveOutcome() throws Exception {
        var running = TestRuns.running("r9");
        when(probes.start(any(), any())).thenReturn(running);
        var started = mvc.perform(post("/codes/retest")
                        .with(csrf())
                        .param("rcptTo", "kate@example.com")
                        .param("mailFrom", "tom@example.net")
                        .param("was", "550 5.1.1 User unknown"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var request = ArgumentCaptor.forClass(ProbeRequest.class);
        verify(probes).start(request.capture(), any());
        assertThat(request.getValue().rcptTo()).containsExactly("kate@example.com");
        assertThat(request.getValue().mailFrom()).isEqualTo("tom@example.net");
        assertThat(started).contains("Testing now", "hx-get=\"/codes/retest/r9?");

        var finished = TestRuns.rejectedRcpt("r8", "mx.example.com ESMTP");
        when(probes.find(eq("r8"), any())).thenReturn(Optional.of(finished));
        var outcome = MvcPages.ok(mvc, get("/codes/retest/r8").param("was", "550 5.1.1 User unknown"));
        assertThat(outcome).contains("still refused: 550 5.1.1", "today", "The bounce said");
    }

    private String upload(MockMultipartFile file) throws Exception {
        return MvcPages.ok(mvc, multipart("/codes").file(file).with(csrf()));
    }
}
