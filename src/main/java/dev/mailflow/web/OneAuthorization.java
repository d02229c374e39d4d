package dev.mailflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request with two {@code Authorization} headers is refused (400) before sign-in: the servlet API
 * shows only the first, so a proxy or a log that reads the other would see another caller than the
 * one mailflow signed in (RFC 9110 §5.3: the header is not a list, so two are malformed).
 */
final class OneAuthorization extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
        if (headers != null && Collections.list(headers).size() > 1) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                            + "\"detail\":\"Send one Authorization header, not several.\","
                            + "\"errors\":[{\"field\":\"Authorization\",\"message\":\"given more than once\"}]}");
            return;
        }
        chain.doFilter(request, response);
    }
}
