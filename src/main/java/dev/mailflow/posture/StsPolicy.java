package dev.mailflow.posture;

import dev.mailflow.posture.PostureFacts.StsMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An MTA-STS policy file (RFC 8461 §3.2): {@code version: STSv1}, {@code mode}, {@code mx}
 * patterns, {@code max_age}; lines end in CRLF or LF, unknown keys are ignored.
 */
record StsPolicy(StsMode mode, List<String> mx, long maxAge) {

    /** RFC 8461 §3.2: max_age is at most 31557600 seconds (about a year). */
    static final long MAX_AGE = 31_557_600L;

    StsPolicy {
        mx = List.copyOf(mx);
    }

    /** The policy, or why the text is not one. */
    record Parsed(StsPolicy policy, String problem) {}

    static Parsed parse(String text) {
        String version = null;
        StsMode mode = null;
        Long maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = value;
                case "mode" -> mode = mode(value).orElse(null);
                case "mx" -> mx.add(value.toLowerCase(Locale.ROOT));
                case "max_age" -> maxAge = value.matches("[0-9]{1,10}") ? Long.parseLong(value) : null;
                default -> {
                    // RFC 8461 §3.2: other keys are extensions and are ignored.
                }
            }
        }
        if (!"STSv1".equals(version)) {
            return new Parsed(null, "the policy has no 'version: STSv1' line");
        }
        if (mode == null) {
            return new Parsed(null, "the policy has no valid mode (enforce, testing or none)");
        }
        if (maxAge == null || maxAge > MAX_AGE) {
            return new Parsed(null, "the policy has no valid max_age (0 to " + MAX_AGE + " seconds)");
        }
        if (mode != StsMode.NONE && mx.isEmpty()) {
            return new Parsed(null, "the policy in mode " + mode.name().toLowerCase(Locale.ROOT) + " has no mx line");
        }
        return new Parsed(new StsPolicy(mode, mx, maxAge), null);
    }

    /**
     * Whether an MX host matches one of the patterns (RFC 8461 §4.1): exactly, or through a
     * leading {@code *.} that stands for one label.
     */
    boolean allows(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        for (String pattern : mx) {
            if (pattern.startsWith("*.")) {
                int dot = name.indexOf('.');
                if (dot > 0 && name.substring(dot + 1).equals(pattern.substring(2))) {
                    return true;
                }
            } else if (name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<StsMode> mode(String value) {
        return switch (value) {
            case "enforce" -> Optional.of(StsMode.ENFORCE);
            case "testing" -> Optional.of(StsMode.TESTING);
            case "none" -> Optional.of(StsMode.NONE);
            default -> Optional.empty();
        };
    }
}
