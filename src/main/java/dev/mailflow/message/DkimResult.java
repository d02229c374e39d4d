package dev.mailflow.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One {@code DKIM-Signature} checked now, against the key DNS serves now (RFC 6376 §6.1).
 *
 * @param domain d=
 * @param selector s=
 * @param algorithm a= ({@code rsa-sha256}, {@code ed25519-sha256})
 * @param result PASS, FAIL, TEMPERROR (DNS did not answer), PERMERROR (the signature or key cannot be
 *     used)
 * @param reason why, in words; for a PASS what was not checked (the body of a header-only paste)
 * @param key the key's facts, null when none was found
 * @param identity i= (the signing identity; its domain is d= or below)
 * @param bodyChecked whether the body hash was compared (false when only headers were given)
 */
@JsonPropertyOrder({"domain", "selector", "algorithm", "result", "reason", "key"})
public record DkimResult(
        String domain,
        String selector,
        String algorithm,
        Result result,
        String reason,
        DkimKey key,
        @JsonIgnore String identity,
        @JsonIgnore boolean bodyChecked) {

    /** RFC 8601 §2.7.1's results for DKIM. */
    public enum Result {
        PASS,
        FAIL,
        NONE,
        TEMPERROR,
        PERMERROR
    }

    public boolean passed() {
        return result == Result.PASS;
    }
}
