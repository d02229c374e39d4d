package dev.mailflow.inbox;

import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.mail.MailAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The one-time addresses: {@code check-<random>@<domain>}, 100 random bits in lower-case base32 so
 * that every receiving MTA and mail client keeps them as they are; and report ids, 128 random bits
 * in hex. The two are unrelated: an address travels in mail headers, an id is a permalink.
 */
final class CheckAddresses {

    static final String PREFIX = "check-";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int RANDOM_CHARS = 20;

    private final SecureRandom random = new SecureRandom();
    private final String domain;

    CheckAddresses(String domain) {
        this.domain = domain(domain);
    }

    String newAddress() {
        var local = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            local.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return local + "@" + domain;
    }

    String newId() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * A recipient as one of ours, lower-cased, or empty when it cannot be one (another domain: a
     * relay attempt; another shape: an unknown mailbox) — so a guessed name never reaches the store.
     */
    Optional<String> ours(String recipient) {
        MailAddress address;
        try {
            address = MailAddress.parse(recipient);
        } catch (InvalidInputException notAnAddress) {
            return Optional.empty();
        }
        String local = address.localPart().toLowerCase(Locale.ROOT);
        if (!address.domain().equalsIgnoreCase(domain)
                || local.length() != PREFIX.length() + RANDOM_CHARS
                || !local.startsWith(PREFIX)) {
            return Optional.empty();
        }
        for (int i = PREFIX.length(); i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '2' && c <= '7')) {
                return Optional.empty();
            }
        }
        return Optional.of(local + "@" + domain);
    }

    /** Whether {@code recipient} names our domain at all (else it asks us to relay). */
    boolean ourDomain(String recipient) {
        try {
            return MailAddress.parse(recipient).domain().equalsIgnoreCase(domain);
        } catch (InvalidInputException notAnAddress) {
            return false;
        }
    }

    /** A domain as {@code mailflow.inbox.domain} must be: a DNS name an MX record can point at. */
    static String domain(String domain) {
        try {
            var parsed = MailAddress.parse("postmaster@" + domain).domain();
            if (parsed.startsWith("[")) {
                throw new IllegalArgumentException("mailflow.inbox.domain must be a domain name, not an address");
            }
            return parsed.toLowerCase(Locale.ROOT);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(
                    "mailflow.inbox.domain: '" + domain + "' is not a domain (" + e.getMessage() + ")");
        }
    }
}
