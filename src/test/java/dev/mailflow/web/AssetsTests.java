package dev.mailflow.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.history.RunHistory;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The scripts and styles the pages reference are served, with the same headers as the pages. */
@WebMvcTest
@Import({RunFragments.class, SecurityConfiguration.class})
@WithMockUser(roles = "OPERATOR")
class AssetsTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ProbeService probes;

    @MockitoBean
    Knowledge knowledge;

    @MockitoBean
    RunHistory history;

    @Test
    void theReferencedAssetsAreServed() throws Exception {
        for (var path : new String[] {
            "/css/mailflow.css", "/js/mailflow.js", "/webjars/htmx.org/dist/htmx.min.js", "/webjars/htmx-ext-sse/sse.js"
        }) {
            mvc.perform(get(path))
                    .andExpect(status().isOk())
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        }
    }
}
