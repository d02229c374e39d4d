package dev.mailflow.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A configured machine token for tests: {@code mailflow.security.tokens[n]} with the token's digest. */
public final class TestToken {

    private TestToken() {}

    /** Configures token {@code index} named {@code name} with {@code roles} (comma separated). */
    public static void register(DynamicPropertyRegistry registry, int index, String name, String token, String roles) {
        var prefix = "mailflow.security.tokens[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "digest", () -> digest(token));
        registry.add(prefix + "roles", () -> roles);
    }

    /** {@code sha256:} and the token's SHA-256 in hex, as {@code mailflow.security.tokens[n].digest} wants it. */
    public static String digest(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
