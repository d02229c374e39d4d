package dev.mailflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

class OidcRolesTest {

    private static OidcUserAuthority signedIn(Map<String, Object> claims) {
        var token = OidcIdToken.withTokenValue("t")
                .subject("kate")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .claims(c -> c.putAll(claims))
                .build();
        return new OidcUserAuthority(token);
    }

    private static Set<String> names(java.util.Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void everyOidcUserGetsTheDefaultRolesAndNothingFromTheProvidersScopes() {
        var mapper = new OidcRoles(new AccountProperties.Oidc("roles", List.of(Role.OPERATOR)));

        var roles = mapper.mapAuthorities(List.of(
                signedIn(Map.of()),
                new SimpleGrantedAuthority("SCOPE_openid"),
                new SimpleGrantedAuthority("ROLE_ADMIN")));

        assertThat(names(roles)).containsExactly("ROLE_OPERATOR");
    }

    @Test
    void theRolesClaimAddsRolesItNamesAndIgnoresTheRest() {
        var mapper = new OidcRoles(new AccountProperties.Oidc("groups", List.of()));

        var roles = mapper.mapAuthorities(
                List.of(signedIn(Map.of("groups", List.of("mailflow-admin", "Sender", "staff", "ROLE_VIEWER", 42)))));

        assertThat(names(roles)).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_SENDER", "ROLE_VIEWER");
        assertThat(names(mapper.mapAuthorities(List.of(signedIn(Map.of("groups", "viewer"))))))
                .containsExactly("ROLE_VIEWER");
    }
}
