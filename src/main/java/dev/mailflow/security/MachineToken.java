package dev.mailflow.security;

import java.time.Instant;
import java.util.List;

/**
 * A machine token as mailflow knows it: never the token, only its SHA-256.
 *
 * @param configured from {@code mailflow.security.tokens} (cannot be revoked through the API)
 * @param createdAt null for a configured token
 * @param expiresAt null when it does not expire
 * @param lastUsedAt null when never used (a configured token's use is remembered until restart)
 */
record MachineToken(
        String name,
        byte[] digest,
        List<Role> roles,
        boolean configured,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant lastUsedAt) {

    MachineToken {
        roles = List.copyOf(roles);
    }

    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    MachineToken usedAt(Instant at) {
        return new MachineToken(name, digest, roles, configured, createdAt, createdBy, expiresAt, at);
    }
}
