package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.dns.RecordLookup;
import dev.mailflow.message.HeaderAnalyzer;
import dev.mailflow.message.HeaderAnalyzerFixtures;
import dev.mailflow.message.MessageLimits;
import dev.mailflow.message.ReadMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The /headers page: paste box, upload, the report's sections, and bad input as a message on the page. */
@WebSliceTest
class HeadersPageTest {

    static final HeaderAnalyzerFixtures FIXTURES = HeaderAnalyzerFixtures.create();
    static final HeaderAnalyzer REAL =
            new HeaderAnalyzer(new RecordLookup(FIXTURES.dns().resolver(Duration.ofSeconds(2))), MessageLimits.DEFAULT);

    @Autowired
    MockMvc mvc;

    @Autowired
    HeaderAnalyzer analyzer;

    @BeforeEach
    void realAnalysis() {
        when(analyzer.analyze(any(ReadMessage.class)))
                .thenAnswer(call -> REAL.analyze((ReadMessage) call.getArgument(0)));
    }

    @AfterAll
    static void stop() {
        FIXTURES.dns().close();
    }

    @Test
    void theEmptyPageHasThePasteBoxAndTheUpload() throws Exception {
        String page = MvcPages.ok(mvc, get("/headers"));

        assertThat(page).contains("id=\"headers-text\"", "type=\"file\"", "enctype=\"multipart/form-data\"");
    }

    @Test
    void pastedHeadersShowHopsAuthenticationVerdictsAndFindings() throws Exception {
        String page = mvc.perform(
                        post("/headers").with(csrf()).param("text", HeaderAnalyzerFixtures.JUNKED_AT_MICROSOFT))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("Hops (3), oldest first")
                .contains("2021-11-02 15:11:02 UTC", "datetime=\"2021-11-02T15:11:02Z\"")
                .contains("5 h 10 min from the first hop to the last")
                .contains("<rect x=\"0\" y=\"0\" height=\"8\" width=\"100\">")
                .contains("at outlook.com", "at contoso.example")
                .contains("compauth", "(not named)")
                .contains("The message was marked as spam by spam filtering.")
                .contains("put in Junk by Microsoft 365")
                .contains("not documented by\n              the vendor");
    }

    @Test
    void anUploadedEmlIsVerifiedWithItsBody() throws Exception {
        var file = new MockMultipartFile(
                "file", "signed.eml", "message/rfc822", FIXTURES.signedMessage().getBytes(StandardCharsets.UTF_8));

        String page = MvcPages.ok(mvc, multipart("/headers").file(file).with(csrf()));

        assertThat(page)
                .contains("signed.eml", "ed25519-sha256", "signature verified", "TLSv1.3 TLS_AES_256_GCM_SHA384");
    }

    @Test
    void textWithoutHeadersAndAnEmptyFormAreSaidOnThePage() throws Exception {
        String none = MvcPages.ok(mvc, post("/headers").with(csrf()).param("text", "it went to junk, why?"));
        assertThat(none).contains("mailflow found no header fields in it");

        String empty = MvcPages.ok(mvc, post("/headers").with(csrf()).param("text", ""));
        assertThat(empty).contains("Paste the message&#39;s headers");

        var notMsg = new MockMultipartFile("file", "x.msg", "application/vnd.ms-outlook", new byte[] {1, 2, 3});
        String broken = MvcPages.ok(mvc, multipart("/headers").file(notMsg).with(csrf()));
        assertThat(broken).contains("role=\"alert\"");
    }
}
