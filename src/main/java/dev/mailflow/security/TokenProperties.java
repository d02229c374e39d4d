package dev.mailflow.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.security.tokens[n]}: machine tokens from configuration, sent as
 * {@code Authorization: Bearer}. They add to the users, never replace them.
 *
 * @param basicCache how long a verified HTTP Basic name and password are trusted without hashing
 *     them again ({@code mailflow.security.basic-cache}); zero turns the cache off
 */
@Validated
@ConfigurationProperties("mailflow.security")
public record TokenProperties(
        @DefaultValue List<@Valid Token> tokens,
        @DefaultValue("60s") java.time.Duration basicCache) {

    /**
     * @param name the name runs and limits know the token by (its "user name")
     * @param digest {@code sha256:} and the token's SHA-256 in hex, e.g. from
     *     {@code printf %s "$TOKEN" | sha256sum}
     */
    public record Token(
            @NotEmpty @Pattern(regexp = TokenName.PATTERN, message = TokenName.RULE)
            String name,

            @NotEmpty @Pattern(regexp = "sha256:[0-9a-fA-F]{64}", message = "must be sha256: and 64 hex digits")
            String digest,

            @NotEmpty List<Role> roles) {}
}
