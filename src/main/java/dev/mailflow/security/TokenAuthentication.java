package dev.mailflow.security;

import java.util.Collection;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request signed in by a machine token: the token's name and roles, and the mark that makes its
 * runs count against {@code mailflow.limits.runs-per-token} instead of a person's budget.
 */
final class TokenAuthentication extends UsernamePasswordAuthenticationToken {

    TokenAuthentication(String name, Collection<? extends GrantedAuthority> authorities) {
        super(name, null, authorities);
    }
}
