package dev.mailflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The cache of verified passwords: hits skip the hash, and any change of the user drops the entry. */
class VerifiedCredentialsCacheTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(user("s3cret", "ROLE_OPERATOR"));
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedCredentialsCache cache = new VerifiedCredentialsCache(
            counting(new DaoAuthenticationProvider(users)), users, Duration.ofMinutes(1), clock);

    @Test
    void aSecondSignInWithinTheLifetimeIsNotVerifiedAgain() {
        var first = cache.authenticate(login("s3cret"));
        var second = cache.authenticate(login("s3cret"));

        assertThat(first.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("helpdesk");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aWrongPasswordIsNeverCachedNorServedFromTheCache() {
        cache.authenticate(login("s3cret"));

        assertThatThrownBy(() -> cache.authenticate(login("guess"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> cache.authenticate(login("guess"))).isInstanceOf(BadCredentialsException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void anEntryExpires() {
        cache.authenticate(login("s3cret"));
        clock.advance(Duration.ofMinutes(2));
        cache.authenticate(login("s3cret"));

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aChangedPasswordDropsTheEntry() {
        cache.authenticate(login("s3cret"));
        users.updateUser(user("n3w", "ROLE_OPERATOR"));

        assertThatThrownBy(() -> cache.authenticate(login("s3cret"))).isInstanceOf(BadCredentialsException.class);
        assertThat(cache.authenticate(login("n3w")).isAuthenticated()).isTrue();
    }

    @Test
    void changedRolesOrARemovedUserDropTheEntry() {
        cache.authenticate(login("s3cret"));
        var samePassword = users.loadUserByUsername("helpdesk").getPassword();
        users.updateUser(User.withUsername("helpdesk")
                .password(samePassword)
                .authorities("ROLE_VIEWER")
                .build());

        var again = cache.authenticate(login("s3cret"));
        assertThat(again.getAuthorities())
                .extracting(a -> a.getAuthority())
                .contains("ROLE_VIEWER")
                .doesNotContain("ROLE_OPERATOR");
        assertThat(verifications).hasValue(2);

        users.deleteUser("helpdesk");
        assertThatThrownBy(() -> cache.authenticate(login("s3cret"))).isInstanceOf(BadCredentialsException.class);
    }

    private AuthenticationProvider counting(AuthenticationProvider provider) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                verifications.incrementAndGet();
                return provider.authenticate(authentication);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return provider.supports(authentication);
            }
        };
    }

    private static UsernamePasswordAuthenticationToken login(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("helpdesk", password);
    }

    private static org.springframework.security.core.userdetails.UserDetails user(String password, String role) {
        return User.withUsername("helpdesk")
                .password("{bcrypt}" + new BCryptPasswordEncoder(4).encode(password))
                .authorities(role)
                .build();
    }
}
