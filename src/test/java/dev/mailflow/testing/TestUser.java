package dev.mailflow.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One configured OPERATOR for full-app tests, signing in with HTTP Basic as a script would. */
public final class TestUser {

    public static final String NAME = "helpdesk";
    public static final String PASSWORD = "correct horse battery staple";
    public static final String AUTHORIZATION =
            "Basic " + Base64.getEncoder().encodeToString((NAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** The password as configured: a bcrypt hash with a low cost, so tests sign in fast. */
    public static final String ENCODED_PASSWORD = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);

    private TestUser() {}

    /** Configures the user as {@code mailflow.security.users[0]} with a bcrypt hash. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("mailflow.security.users[0].name", () -> NAME);
        registry.add("mailflow.security.users[0].password", () -> ENCODED_PASSWORD);
        registry.add("mailflow.security.users[0].roles", () -> "OPERATOR");
    }
}
