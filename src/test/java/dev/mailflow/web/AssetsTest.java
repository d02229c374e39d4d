package dev.mailflow.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The scripts and styles the pages reference are served, with the same headers as the pages. */
@WebSliceTest
class AssetsTest {

    @Autowired
    MockMvc mvc;

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
