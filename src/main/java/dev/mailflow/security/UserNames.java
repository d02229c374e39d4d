package dev.mailflow.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The names people sign in with: the configured users (or Spring Boot's single user) and everyone
 * who signed in through OIDC (table {@code known_user}, migration V30, which also took in every
 * owner of a stored run). Compared without regard to case, as the configured users are.
 */
record UserNames(InMemoryUserDetailsManager users, JdbcClient jdbc, Clock clock) {

    /** Whether a configured user (or Boot's single user) signs in with this name. */
    boolean configured(String name) {
        return users.userExists(name);
    }

    /** Why {@code name} is a person's, or empty when it is nobody's. */
    Optional<String> owner(String name) {
        if (configured(name)) {
            return Optional.of("a configured user signs in with this name");
        }
        var known = jdbc.sql("SELECT COUNT(*) FROM known_user WHERE LOWER(name) = LOWER(:name)")
                        .param("name", name)
                        .query(Integer.class)
                        .single()
                > 0;
        return known ? Optional.of("a user has signed in with this name") : Optional.empty();
    }

    /** Remembers a name someone signed in with through OIDC. */
    void signedIn(String name) {
        var known = jdbc.sql("SELECT COUNT(*) FROM known_user WHERE name = :name")
                        .param("name", name)
                        .query(Integer.class)
                        .single()
                > 0;
        if (known) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO known_user (name, first_seen) VALUES (:name, :at)")
                    .param("name", name)
                    .param("at", Timestamp.from(clock.instant()))
                    .update();
        } catch (DataIntegrityViolationException signedInTwiceAtOnce) {
            // Another sign-in of the same name wrote the row first: it is known, as wanted.
        }
    }
}
