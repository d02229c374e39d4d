package dev.mailflow.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.security.*}: configured users and how OIDC users get their roles.
 *
 * @param users when present, these users replace Spring Boot's single {@code spring.security.user}
 * @param oidc role mapping for users who sign in with an OIDC provider
 */
@Validated
@ConfigurationProperties("mailflow.security")
public record AccountProperties(
        @DefaultValue List<@Valid User> users,
        @DefaultValue @Valid Oidc oidc) {

    /**
     * A user with a hashed password.
     *
     * @param password an encoded password with its algorithm, e.g. {@code {bcrypt}$2a$10$...};
     *     plain text ({@code {noop}}) is refused
     * @param roles VIEWER, OPERATOR, SENDER or ADMIN
     */
    public record User(
            @NotBlank String name,

            @NotBlank
            @Pattern(regexp = "^\\{(?!noop\\})[A-Za-z0-9_-]+\\}.+", message = "must be hashed, e.g. {bcrypt}$2a$10$...")
            String password,

            @NotEmpty List<Role> roles) {}

    /**
     * @param rolesClaim the ID token or user-info claim holding roles or groups (e.g. {@code roles}
     *     for Entra ID app roles, {@code groups} for Keycloak or Google); values equal to a role name
     *     (any case, optionally prefixed {@code mailflow-}) grant that role
     * @param defaultRoles roles every OIDC user gets, whatever the claim says
     */
    public record Oidc(
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("OPERATOR") List<Role> defaultRoles) {}
}
