package dev.mailflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 for the API as RFC 9457 problems, like every other API error. The texts are fixed:
 * nothing from the request or the exception is echoed.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // RFC 9110 §11.6.1: a 401 names the scheme that would work.
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mailflow\", charset=\"UTF-8\"");
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mailflow\"");
        Problems.write(
                response,
                HttpStatus.UNAUTHORIZED,
                "Sign in with HTTP Basic or a machine token (Bearer) to use the API.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Problems.write(response, HttpStatus.FORBIDDEN, "Your role does not allow this.");
    }
}
