package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.mailflow.message.HeaderAnalyzerFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/** A message pasted into the bounce explainer that is no bounce gets a way to the header analyzer, with its text. */
@ExplainerSlice
@WithMockUser(roles = "VIEWER")
class NotABounceTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aMessageThatIsNoBounceOffersTheHeaderAnalyzer() throws Exception {
        String page =
                MvcPages.ok(mvc, post("/codes").with(csrf()).param("text", HeaderAnalyzerFixtures.JUNKED_AT_MICROSOFT));

        assertThat(page).contains("id=\"to-headers\"", "action=\"/headers\"", "Read its headers instead");
        assertThat(page).contains("value=\"Received: from AM6PR04MB5111.eurprd04.prod.outlook.com");
    }

    @Test
    void aBounceDoesNot() throws Exception {
        String page = MvcPages.ok(mvc, post("/codes").with(csrf()).param("text", ExplainerTest.POSTFIX_DSN));

        assertThat(page).doesNotContain("id=\"to-headers\"");
    }
}
