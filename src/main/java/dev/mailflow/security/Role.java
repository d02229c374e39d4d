package dev.mailflow.security;

import java.util.Locale;
import java.util.Optional;

/**
 * mailflow's roles, each one including those below it: ADMIN &gt; SENDER &gt; OPERATOR &gt; VIEWER.
 */
public enum Role {
    /** Reads the reply-code reference and their own runs. */
    VIEWER,
    /** Starts probes that stop before DATA. */
    OPERATOR,
    /** Starts probes that send a test message (DATA), within {@code mailflow.limits.data-runs-per-user}. */
    SENDER,
    /** Sees and streams every user's runs. */
    ADMIN;

    /** Spring Security's authority for this role. */
    String authority() {
        return "ROLE_" + name();
    }

    /** {@code "sender"}, {@code "ROLE_SENDER"} → SENDER; anything else is no role. */
    static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var name = text.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring(5);
        }
        for (var role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
