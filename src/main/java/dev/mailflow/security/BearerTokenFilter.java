package dev.mailflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} (RFC 6750 §2.1) for the API, {@code /probe} and the
 * actuator: a valid token signs the request in as the token's name with its roles; any other
 * bearer value is a 401 at once, never a fall-back to another scheme.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private final MachineTokens tokens;
    private final AuthenticationEntryPoint unauthorized;

    BearerTokenFilter(MachineTokens tokens, AuthenticationEntryPoint unauthorized) {
        this.tokens = tokens;
        this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            chain.doFilter(request, response);
            return;
        }
        var token = tokens.verify(header.substring(SCHEME.length()).strip());
        if (token.isEmpty()) {
            SecurityContextHolder.clearContext();
            unauthorized.commence(request, response, new BadCredentialsException("invalid bearer token"));
            return;
        }
        var authorities = token.get().roles().stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(token.get().name(), authorities));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
