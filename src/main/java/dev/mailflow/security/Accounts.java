package dev.mailflow.security;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users who sign in with a password: the configured list when there is one, else Spring
 * Boot's single {@code spring.security.user}. Boot would build that user itself, but steps back
 * when the OIDC client is on the class path, so mailflow does the same here, including printing a
 * generated password when none is set.
 */
final class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    /** Boot's rule: a password without an {@code {id}} prefix is plain text. */
    private static final Pattern ENCODED = Pattern.compile("^\\{.+}.*$");

    private Accounts() {}

    static InMemoryUserDetailsManager from(AccountProperties accounts, SecurityProperties boot) {
        if (!accounts.users().isEmpty()) {
            return new InMemoryUserDetailsManager(accounts.users().stream()
                    .map(u -> user(u.name(), u.password(), u.roles()))
                    .toList());
        }
        var user = boot.getUser();
        var password = user.getPassword();
        if (user.isPasswordGenerated()) {
            // Boot's own wording, so the line is found where people look for it.
            log.warn(String.format(
                    "%n%nUsing generated security password: %s%n%nThis generated password is for development use only. "
                            + "Set spring.security.user.password or mailflow.security.users for production.%n",
                    password));
        }
        var encoded = ENCODED.matcher(password).matches() ? password : "{noop}" + password;
        return new InMemoryUserDetailsManager(user(user.getName(), encoded, roles(user.getRoles())));
    }

    private static UserDetails user(String name, String encodedPassword, Collection<Role> roles) {
        return User.withUsername(name)
                .password(encodedPassword)
                .authorities(roles.stream().map(Role::authority).toArray(String[]::new))
                .build();
    }

    /** Unknown role names in {@code spring.security.user.roles} are dropped, not guessed at. */
    private static List<Role> roles(List<String> names) {
        return names.stream().flatMap(n -> Role.parse(n).stream()).toList();
    }
}
