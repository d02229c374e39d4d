package dev.mailflow.posture;

/**
 * SPF's answer for one sending address.
 *
 * @param mechanism the term that decided ("-all", "ip4:192.0.2.0/24", "include:_spf.example.net"),
 *     null when no term did (none, default neutral, errors)
 * @param detail why, in a few words, for errors and defaults
 * @param lookups the DNS-querying terms evaluated (RFC 7208 §4.6.4 allows 10)
 */
public record SpfVerdict(
        String address, String domain, SpfResult result, String mechanism, String detail, int lookups) {}
