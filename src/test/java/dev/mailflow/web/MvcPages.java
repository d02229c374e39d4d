package dev.mailflow.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** The web slice tests' one way to read a page or answer they expect to be 200 OK. */
final class MvcPages {

    private MvcPages() {}

    /** The body of the answer to {@code request}, after checking it is 200 OK. */
    static String ok(MockMvc mvc, RequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
