package dev.mailflow.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts of a DKIM key record ({@code selector._domainkey.domain} TXT, RFC 6376 §3.6.1).
 *
 * @param type {@code rsa} or {@code ed25519} (k=)
 * @param bits the key's size: the RSA modulus, 256 for Ed25519; null when it does not parse
 * @param testing {@code t=y}: the domain is testing DKIM, and a failure should not be held against it
 * @param revoked an empty {@code p=}: the key was withdrawn (RFC 6376 §3.6.1)
 * @param strict {@code t=s}: i= must be d= itself, no subdomain
 * @param problem why the key cannot verify anything, or null
 */
public record DkimKey(
        String type,
        Integer bits,
        boolean testing,
        boolean revoked,
        boolean strict,
        String problem,
        @JsonIgnore PublicKey publicKey,
        @JsonIgnore List<String> hashes) {

    // RFC 8410: an Ed25519 SubjectPublicKeyInfo is this prefix and the 32 raw key bytes, which is
    // all RFC 8463 puts in p=.
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");

    static DkimKey parse(String record) {
        Map<String, String> tags = HeaderWords.tags(record);
        String type = tags.getOrDefault("k", "rsa").strip().toLowerCase(Locale.ROOT);
        var flags = Arrays.asList(
                tags.getOrDefault("t", "").toLowerCase(Locale.ROOT).split(":"));
        boolean testing = flags.stream().anyMatch(f -> f.strip().equals("y"));
        boolean strict = flags.stream().anyMatch(f -> f.strip().equals("s"));
        List<String> hashes = tags.get("h") == null
                ? List.of()
                : Arrays.stream(tags.get("h").split(":"))
                        .map(h -> h.strip().toLowerCase(Locale.ROOT))
                        .toList();
        String v = tags.get("v");
        if (v != null && !v.equals("DKIM1")) {
            return failed(type, testing, strict, "v= is " + v + ", not DKIM1");
        }
        String p = tags.get("p");
        if (p == null) {
            return failed(type, testing, strict, "the record has no p= tag");
        }
        if (p.isBlank()) {
            return new DkimKey(type, null, testing, true, strict, "the key is revoked (empty p=)", null, hashes);
        }
        String service = tags.getOrDefault("s", "*");
        if (Arrays.stream(service.split(":")).map(String::strip).noneMatch(s -> s.equals("*") || s.equals("email"))) {
            return failed(type, testing, strict, "the key is not for email (s=" + service + ")");
        }
        try {
            byte[] bytes = DkimSignature.base64(p);
            return switch (type) {
                case "rsa" -> {
                    var key =
                            (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(bytes));
                    yield new DkimKey(type, key.getModulus().bitLength(), testing, false, strict, null, key, hashes);
                }
                case "ed25519" -> {
                    if (bytes.length != 32) {
                        yield failed(type, testing, strict, "an Ed25519 key is 32 bytes, this one " + bytes.length);
                    }
                    byte[] spki = Arrays.copyOf(ED25519_SPKI, ED25519_SPKI.length + 32);
                    System.arraycopy(bytes, 0, spki, ED25519_SPKI.length, 32);
                    var key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                    yield new DkimKey(type, 256, testing, false, strict, null, key, hashes);
                }
                default -> failed(type, testing, strict, "unknown key type k=" + type);
            };
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return failed(type, testing, strict, "the key in p= does not parse");
        }
    }

    private static DkimKey failed(String type, boolean testing, boolean strict, String problem) {
        return new DkimKey(type, null, testing, false, strict, problem, null, List.of());
    }
}
