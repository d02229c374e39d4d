package dev.mailflow.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tokens an ADMIN created, in the history database (table {@code api_token}, migration V20). */
final class TokenStore {

    private final JdbcClient jdbc;

    TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Tokens neither revoked nor expired, as of {@code now}. */
    List<MachineToken> active(Instant now) {
        return jdbc.sql("SELECT name, digest, roles, created_at, created_by, expires_at, last_used_at FROM api_token"
                        + " WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)")
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new MachineToken(
                        rs.getString("name"),
                        HexFormat.of().parseHex(rs.getString("digest")),
                        roles(rs.getString("roles")),
                        false,
                        instant(rs.getTimestamp("created_at")),
                        rs.getString("created_by"),
                        instant(rs.getTimestamp("expires_at")),
                        instant(rs.getTimestamp("last_used_at"))))
                .list();
    }

    /** Whether a token of that name was ever created, in any case (revoked ones included: names are not reused). */
    boolean exists(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM api_token WHERE LOWER(name) = LOWER(:name)")
                        .param("name", name)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** @return false when a token of that name exists already (see {@link #exists}) */
    boolean insert(MachineToken token) {
        if (exists(token.name())) {
            return false;
        }
        jdbc.sql("INSERT INTO api_token (name, digest, roles, created_at, created_by, expires_at)"
                        + " VALUES (:name, :digest, :roles, :created, :by, :expires)")
                .param("name", token.name())
                .param("digest", HexFormat.of().formatHex(token.digest()))
                .param(
                        "roles",
                        String.join(",", token.roles().stream().map(Role::name).toList()))
                .param("created", Timestamp.from(token.createdAt()))
                .param("by", token.createdBy())
                .param("expires", token.expiresAt() == null ? null : Timestamp.from(token.expiresAt()))
                .update();
        return true;
    }

    /** @return false when no active token has that name */
    boolean revoke(String name, Instant at) {
        return jdbc.sql("UPDATE api_token SET revoked_at = :at WHERE name = :name AND revoked_at IS NULL")
                        .param("at", Timestamp.from(at))
                        .param("name", name)
                        .update()
                > 0;
    }

    void used(String name, Instant at) {
        jdbc.sql("UPDATE api_token SET last_used_at = :at WHERE name = :name")
                .param("at", Timestamp.from(at))
                .param("name", name)
                .update();
    }

    private static List<Role> roles(String text) {
        return Arrays.stream(text.split(","))
                .flatMap(r -> Role.parse(r).stream())
                .toList();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
