package dev.mailflow.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One authentication result as a server reported it in the message: a method of an {@code
 * Authentication-Results} or {@code ARC-Authentication-Results} header (RFC 8601, RFC 8617), a
 * {@code Received-SPF} header (RFC 7208 §9.1), or one {@code ARC-Seal} (method {@code arc-seal},
 * result its {@code cv=}).
 *
 * @param method {@code spf}, {@code dkim}, {@code dmarc}, {@code arc}, {@code compauth}, {@code
 *     iprev}, {@code auth}... in lower case
 * @param result as written, lower case ({@code pass}, {@code fail}, {@code softfail}...)
 * @param authservId the server that reported it; null for Microsoft 365's headers, which name none
 * @param properties what the result says beside it, in order: {@code smtp.mailfrom}, {@code
 *     header.from}, {@code header.d}, {@code reason}, {@code action}; a comment as {@code comment};
 *     {@code arc.i} for an ARC header's instance
 * @param header the header it came from
 */
public record AuthResult(
        String method,
        String result,
        String authservId,
        Map<String, String> properties,
        @JsonIgnore String header) {

    public AuthResult {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The property, or null. */
    public String property(String name) {
        return properties.get(name);
    }

    public boolean passed() {
        return "pass".equals(result);
    }
}
