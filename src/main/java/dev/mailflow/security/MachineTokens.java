package dev.mailflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Machine tokens: the configured ones and those an ADMIN created. A token carries 256 random bits,
 * so its SHA-256 is a safe thing to store and to check: verifying costs one hash and a comparison
 * per token (microseconds), not a password hash. Stored tokens are read from the database at most
 * every few seconds, so a revocation on another replica takes effect within that time.
 */
final class MachineTokens {

    private static final Logger log = LoggerFactory.getLogger(MachineTokens.class);

    /** Printed before the random part so a leaked token is recognisable (secret scanners, logs). */
    static final String PREFIX = "mft_";

    private static final Duration RELOAD_AFTER = Duration.ofSeconds(5);
    /** A scrape every few seconds must not write a row each time. */
    private static final Duration RECORD_USE_EVERY = Duration.ofMinutes(1);

    /** A new token as its creator sees it, once. */
    record Created(MachineToken token, String secret) {}

    private final List<MachineToken> configured;
    private final TokenStore store;
    private final UserNames users;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();
    private volatile List<MachineToken> stored;
    /** Null: read the stored tokens again before the next verification. */
    private volatile Instant loadedAt;

    /**
     * @throws IllegalStateException when two configured tokens share a name, or one has a configured
     *     user's name (it would read and start runs as that user)
     */
    MachineTokens(TokenProperties properties, TokenStore store, UserNames users, Clock clock) {
        this.configured = properties.tokens().stream()
                .map(t -> new MachineToken(
                        t.name(),
                        HexFormat.of().parseHex(t.digest().substring("sha256:".length())),
                        t.roles(),
                        true,
                        null,
                        null,
                        null,
                        null))
                .toList();
        var names = configured.stream().map(MachineToken::name).distinct().count();
        if (names != configured.size()) {
            throw new IllegalStateException("mailflow.security.tokens: two tokens have the same name");
        }
        for (var token : configured) {
            if (users.configured(token.name())) {
                throw new IllegalStateException("mailflow.security.tokens: the token " + token.name()
                        + " has the name of a configured user; a token needs a name of its own,"
                        + " or it would read that user's runs and start runs as them");
            }
        }
        this.store = store;
        this.users = users;
        this.clock = clock;
    }

    /** The token {@code presented} is, when it is valid: known, not revoked, not expired. */
    Optional<MachineToken> verify(String presented) {
        var digest = sha256(presented);
        var now = clock.instant();
        MachineToken match = null;
        for (var token : all(now)) {
            // Every token is compared, with a comparison whose time does not depend on where bytes differ.
            if (MessageDigest.isEqual(digest, token.digest()) && match == null) {
                match = token;
            }
        }
        if (match == null || match.expired(now)) {
            return Optional.empty();
        }
        used(match, now);
        return Optional.of(match);
    }

    /**
     * Why a new token may not have {@code name}, or empty when it may: a token's name is the owner of
     * its runs, so it must be nobody else's, neither a user's nor another token's (revoked included),
     * whatever the case of its letters.
     */
    Optional<String> taken(String name) {
        if (tokenName(name)) {
            return Optional.of("a token of this name exists already");
        }
        return users.owner(name);
    }

    /** Whether a token, configured or created (revoked included), has this name in any case. */
    boolean tokenName(String name) {
        return configured.stream().anyMatch(t -> t.name().equalsIgnoreCase(name)) || store.exists(name);
    }

    /**
     * Creates the token an ADMIN asked for (the page's form or the API), with 256 random bits; only
     * its digest is kept.
     *
     * @throws NewToken.InvalidTokenException naming every invalid field
     * @throws NewToken.NameTakenException when the name is a person's or a token's (see {@link #taken})
     */
    Created create(NewToken request, String createdBy) {
        var valid = request.validate(clock.instant());
        var taken = taken(valid.name());
        if (taken.isPresent()) {
            throw new NewToken.NameTakenException(taken.get());
        }
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var token = new MachineToken(
                valid.name(),
                sha256(secret),
                valid.roles(),
                false,
                clock.instant(),
                createdBy,
                valid.expiresAt(),
                null);
        if (!store.insert(token)) {
            throw new NewToken.NameTakenException("a token of this name exists already");
        }
        loadedAt = null;
        return new Created(token, secret);
    }

    /** @return false when no stored, active token has that name */
    boolean revoke(String name) {
        var revoked = store.revoke(name, clock.instant());
        loadedAt = null;
        return revoked;
    }

    /** Every usable token, configured first, with the last use this replica saw when more recent. */
    List<MachineToken> list() {
        var now = clock.instant();
        return all(now).stream()
                .filter(t -> !t.expired(now))
                .map(t -> {
                    var seen = lastUsed.get(t.name());
                    return seen != null && (t.lastUsedAt() == null || seen.isAfter(t.lastUsedAt()))
                            ? t.usedAt(seen)
                            : t;
                })
                .toList();
    }

    private List<MachineToken> all(Instant now) {
        if (stale(now)) {
            synchronized (this) {
                if (stale(now)) {
                    try {
                        stored = store.active(now);
                    } catch (DataAccessException e) {
                        // The tokens read before stay valid while the database is down, so the request
                        // meets the history's 503 rather than a 500 here; nobody can revoke meanwhile.
                        if (stored == null) {
                            throw e;
                        }
                        log.warn("machine tokens not read again, the database did not answer: {}", e.getMessage());
                    }
                    loadedAt = now;
                }
            }
        }
        var list = new ArrayList<MachineToken>(configured.size() + stored.size());
        Stream.concat(configured.stream(), stored.stream()).forEach(list::add);
        return list;
    }

    private boolean stale(Instant now) {
        var at = loadedAt;
        return at == null || Duration.between(at, now).compareTo(RELOAD_AFTER) > 0;
    }

    private void used(MachineToken token, Instant now) {
        lastUsed.put(token.name(), now);
        if (token.configured()) {
            return;
        }
        var recorded = lastRecorded.get(token.name());
        if (recorded == null || Duration.between(recorded, now).compareTo(RECORD_USE_EVERY) >= 0) {
            lastRecorded.put(token.name(), now);
            try {
                store.used(token.name(), now);
            } catch (DataAccessException e) {
                // "Last used" is a courtesy; the request goes on without it.
                log.warn("last use of token {} not stored: {}", token.name(), e.getMessage());
            }
        }
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
