package dev.mailflow.message;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tags of one {@code DKIM-Signature} (RFC 6376 §3.5), checked for what makes a signature
 * unusable before any key is fetched ({@link #problem()}: RFC 6376 §6.1.1's PERMERROR cases).
 */
record DkimSignature(
        HeaderField field,
        String algorithm,
        String domain,
        String selector,
        String identity,
        List<String> signedHeaders,
        boolean relaxedHeaders,
        boolean relaxedBody,
        byte[] bodyHash,
        byte[] signature,
        Long bodyLength,
        Instant timestamp,
        Instant expires,
        String problem) {

    static DkimSignature of(HeaderField field) {
        Map<String, String> tags = HeaderWords.tags(field.value());
        String algorithm = lower(tags.get("a"));
        String domain = lower(tags.get("d"));
        String selector = tags.get("s");
        String identity = tags.getOrDefault("i", domain == null ? null : "@" + domain);
        String[] canon = lower(tags.getOrDefault("c", "simple/simple")).split("/", 2);
        List<String> signed = tags.get("h") == null
                ? List.of()
                : Arrays.stream(tags.get("h").split(":"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        String problem = null;
        byte[] bh = null;
        byte[] b = null;
        Long length = null;
        Instant timestamp = null;
        Instant expires = null;
        try {
            bh = base64(tags.get("bh"));
            b = base64(tags.get("b"));
            length = tags.get("l") == null ? null : Long.parseLong(tags.get("l").strip());
            timestamp = tags.get("t") == null
                    ? null
                    : Instant.ofEpochSecond(Long.parseLong(tags.get("t").strip()));
            expires = tags.get("x") == null
                    ? null
                    : Instant.ofEpochSecond(Long.parseLong(tags.get("x").strip()));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            problem = "a tag does not parse (b=, bh=, l=, t= or x=)";
        }
        if (!"1".equals(tags.get("v"))) {
            problem = "v= is not 1";
        } else if (algorithm == null || domain == null || selector == null || bh == null || b == null) {
            problem = "a required tag is missing (a=, d=, s=, bh= or b=)";
        } else if (signed.stream().noneMatch("from"::equalsIgnoreCase)) {
            problem = "h= does not sign the From field (RFC 6376 §5.4)";
        } else if (!identityWithin(identity, domain)) {
            problem = "i= " + identity + " is not within d= " + domain;
        } else if (!canonical(canon[0]) || !canonical(canon.length > 1 ? canon[1] : "simple")) {
            problem = "unknown canonicalization c=" + tags.get("c");
        } else if (expires != null && timestamp != null && expires.isBefore(timestamp)) {
            problem = "x= is before t=";
        }
        return new DkimSignature(
                field,
                algorithm,
                domain,
                selector,
                identity,
                signed,
                "relaxed".equals(canon[0]),
                canon.length > 1 && "relaxed".equals(canon[1]),
                bh,
                b,
                length,
                timestamp,
                expires,
                problem);
    }

    /** The domain of i= (after the {@code @}). */
    String identityDomain() {
        return identity == null ? domain : lower(identity.substring(identity.indexOf('@') + 1));
    }

    private static boolean identityWithin(String identity, String domain) {
        if (identity == null || domain == null) {
            return true;
        }
        String at = lower(identity.substring(identity.indexOf('@') + 1));
        return at.equals(domain) || at.endsWith("." + domain);
    }

    private static boolean canonical(String name) {
        return name.equals("simple") || name.equals("relaxed");
    }

    /** Base64 with folding white space inside (RFC 6376 §2.4), or null when absent. */
    static byte[] base64(String value) {
        return value == null ? null : Base64.getDecoder().decode(value.replaceAll("[\\s]", ""));
    }

    private static String lower(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
    }
}
