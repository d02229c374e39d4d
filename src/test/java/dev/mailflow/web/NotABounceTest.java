package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.history.RunHistory;
import dev.mailflow.inbox.TestMailbox;
import dev.mailflow.message.HeaderAnalyzerFixtures;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Vantages;
import dev.mailflow.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** A message pasted into the bounce explainer that is no bounce gets a way to the header analyzer, with its text. */
@WebMvcTest
@Import({
    RunFragments.class,
    EventStream.class,
    SecurityConfiguration.class,
    WebSliceTest.Settings.class,
    NotABounceTest.RealKnowledge.class
})
@MockitoBean(types = {ProbeService.class, RunHistory.class, TestMailbox.class, Vantages.class})
@WithMockUser(roles = "VIEWER")
class NotABounceTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class RealKnowledge {
        @Bean
        Knowledge knowledge() {
            return Knowledge.load();
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aMessageThatIsNoBounceOffersTheHeaderAnalyzer() throws Exception {
        String page = mvc.perform(post("/codes").with(csrf()).param("text", HeaderAnalyzerFixtures.JUNKED_AT_MICROSOFT))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("id=\"to-headers\"", "action=\"/headers\"", "Read its headers instead");
        assertThat(page).contains("value=\"Received: from AM6PR04MB5111.eurprd04.prod.outlook.com");
    }

    @Test
    void aBounceDoesNot() throws Exception {
        String page = mvc.perform(post("/codes").with(csrf()).param("text", ExplainerTest.POSTFIX_DSN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).doesNotContain("id=\"to-headers\"");
    }
}
