package dev.mailflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last net under every request: an {@link Error} (a {@link StackOverflowError} from hostile
 * input, an {@link OutOfMemoryError}) becomes a 500 problem, or the error page, as any other
 * failure does, instead of the container's answer with the whole stack in the log. The log gets one line per request, without
 * the stack: a stack per request would let anyone flood the log cheaply.
 */
final class RequestErrors extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestErrors.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (Error e) {
            answer(request, response, e);
        } catch (ServletException | RuntimeException e) {
            // Spring MVC hands an Error on wrapped ("Handler dispatch failed").
            var error = errorIn(e);
            if (error == null) {
                throw e;
            }
            answer(request, response, error);
        }
    }

    private static Error errorIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof Error error) {
                return error;
            }
        }
        return null;
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, Error error)
            throws IOException {
        log.error(
                "{} {} failed with {} (answered 500; no stack trace: a request could repeat it at will)",
                request.getMethod(),
                request.getRequestURI(),
                error.getClass().getName());
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            return;
        }
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                        + "\"detail\":\"Something went wrong on our side.\"}");
    }
}
