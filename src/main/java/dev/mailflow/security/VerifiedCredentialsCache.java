package dev.mailflow.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Remembers a successful name-and-password verification for a short time, so a script calling the
 * stateless API with HTTP Basic pays the password hash (bcrypt: tens of milliseconds of CPU) once
 * per {@code mailflow.security.basic-cache}, not on every request. Entries are keyed by a salted
 * SHA-256 of name and password (the password itself is never kept) and dropped when the user changes:
 * other stored password, other roles, disabled, locked, or gone.
 */
final class VerifiedCredentialsCache implements AuthenticationProvider {

    /** At most this many entries (the least used go first): a bound, not a tuning knob. */
    private static final int MAX_ENTRIES = 10_000;

    private record Verified(Authentication result, String storedPassword, Object authorities) {}

    private final AuthenticationProvider verifier;
    private final UserDetailsService users;
    private final Duration lifetime;
    private final byte[] salt = new byte[32];
    private final Cache<String, Verified> verified;

    VerifiedCredentialsCache(
            AuthenticationProvider verifier, UserDetailsService users, Duration lifetime, Clock clock) {
        this.verifier = verifier;
        this.users = users;
        this.lifetime = lifetime;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(lifetime)
                .ticker(() -> Duration.between(Instant.EPOCH, clock.instant()).toNanos())
                .executor(Runnable::run)
                .build();
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (lifetime.isZero()
                || !(authentication.getCredentials() instanceof String password)
                || authentication.getName() == null) {
            return verifier.authenticate(authentication);
        }
        var key = key(authentication.getName(), password);
        var cached = verified.getIfPresent(key);
        if (cached != null) {
            if (unchanged(authentication.getName(), cached)) {
                return cached.result();
            }
            verified.invalidate(key);
        }
        var result = verifier.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            var user = current(authentication.getName());
            if (user != null) {
                verified.put(key, new Verified(result, user.getPassword(), user.getAuthorities()));
            }
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return verifier.supports(authentication)
                && UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private boolean unchanged(String name, Verified cached) {
        var user = current(name);
        return user != null
                && user.isEnabled()
                && user.isAccountNonLocked()
                && user.isAccountNonExpired()
                && user.isCredentialsNonExpired()
                && Objects.equals(user.getPassword(), cached.storedPassword())
                && Objects.equals(user.getAuthorities(), cached.authorities());
    }

    private UserDetails current(String name) {
        try {
            return users.loadUserByUsername(name);
        } catch (UsernameNotFoundException gone) {
            return null;
        }
    }

    private String key(String name, String password) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
