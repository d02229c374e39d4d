package dev.mailflow.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

/**
 * The roles of a user who signed in with OIDC: {@code mailflow.security.oidc.default-roles}, plus
 * each value of the {@code roles-claim} claim that names a role ({@code admin}, {@code SENDER},
 * {@code mailflow-operator}). The provider's own scopes and authorities are dropped: only
 * mailflow's roles decide what the user may do.
 */
final class OidcRoles implements GrantedAuthoritiesMapper {

    private final AccountProperties.Oidc oidc;

    OidcRoles(AccountProperties.Oidc oidc) {
        this.oidc = oidc;
    }

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        var roles = oidc.defaultRoles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(oidc.defaultRoles());
        for (var authority : authorities) {
            if (authority instanceof OidcUserAuthority user) {
                roles.addAll(fromClaim(user.getIdToken().getClaims()));
                if (user.getUserInfo() != null) {
                    roles.addAll(fromClaim(user.getUserInfo().getClaims()));
                }
            } else if (authority instanceof OAuth2UserAuthority user) {
                roles.addAll(fromClaim(user.getAttributes()));
            }
        }
        return roles.stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .collect(Collectors.toSet());
    }

    /** A claim may be one string or a list of them (Entra ID and Keycloak send lists). */
    Set<Role> fromClaim(Map<String, Object> claims) {
        var roles = EnumSet.noneOf(Role.class);
        var value = claims.get(oidc.rolesClaim());
        if (value instanceof Collection<?> values) {
            values.forEach(v -> role(v).ifPresent(roles::add));
        } else {
            role(value).ifPresent(roles::add);
        }
        return roles;
    }

    private static Optional<Role> role(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        var name = text.strip().toLowerCase(Locale.ROOT);
        return Role.parse(name.startsWith("mailflow-") ? name.substring("mailflow-".length()) : name);
    }
}
