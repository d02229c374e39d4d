package dev.mailflow.security;

import dev.mailflow.probe.RetryAfter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in (HTTP Basic, or the sign-in form) from an address or for a user name with too
 * many recent failures, with 429 and {@code Retry-After}, before any password is checked: a guess
 * costs the guesser a round trip and mailflow nothing. Also turns a sign-in refused as busy into
 * 503 with {@code Retry-After}.
 */
final class SignInThrottle extends OncePerRequestFilter {

    private final FailedSignIns failures;

    SignInThrottle(FailedSignIns failures) {
        this.failures = failures;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var user = signingInAs(request);
        if (user != null) {
            var wait = failures.refusedFor(request.getRemoteAddr(), user);
            if (wait.isPresent()) {
                write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins", wait.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The user name a request signs in as, or null when it carries no credentials. */
    private static String signingInAs(HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                var decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException notBase64) {
                return "";
            }
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            var name = request.getParameter("username");
            return name == null ? "" : name;
        }
        return null;
    }

    /** An entry point that answers a busy refusal with 503 and hands every other failure on. */
    static AuthenticationEntryPoint busyAware(AuthenticationEntryPoint next) {
        return (request, response, e) -> {
            if (e instanceof BoundedPasswordEncoder.SignInBusyException busy) {
                write(response, HttpStatus.SERVICE_UNAVAILABLE, "Too many sign-ins at once", busy.retryAfter());
            } else {
                next.commence(request, response, e);
            }
        };
    }

    /** For the sign-in form's failure handler: the same answer as {@link #busyAware}. */
    static boolean answeredBusy(HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof BoundedPasswordEncoder.SignInBusyException busy) {
            write(response, HttpStatus.SERVICE_UNAVAILABLE, "Too many sign-ins at once", busy.retryAfter());
            return true;
        }
        return false;
    }

    /** The detail ends with the wait in the words of {@link RetryAfter}: the header's seconds, in words. */
    private static void write(HttpServletResponse response, HttpStatus status, String why, Duration wait)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, RetryAfter.header(wait));
        Problems.write(response, status, why + "; try again in " + RetryAfter.words(wait) + ".");
    }
}
