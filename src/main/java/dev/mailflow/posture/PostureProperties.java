package dev.mailflow.posture;

import dev.mailflow.dns.HostLiteral;
import dev.mailflow.dns.HostPort;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The posture checks of every run ({@code mailflow.posture.*}), checked when the application
 * starts.
 *
 * @param enabled whether runs check the posture at all
 * @param dnsblZones DNS blocklist zones each MX address and our addresses are looked up in; empty
 *     turns blocklists off
 * @param ourAddresses the organisation's real outbound mail server addresses (IP literals); empty
 *     means the address this host sends from toward the MX hosts
 * @param referenceTargets {@code host[:port]} (port 25 by default) that mailflow tries when every
 *     MX address timed out at connect, to tell "their servers are silent" from "our port 25 is
 *     blocked"; empty (the default) skips that check
 * @param timeout how long the whole posture may take after the sessions are over
 * @param policyTimeout connect, handshake and read time for the MTA-STS policy over HTTPS
 * @param policyMaxBytes the largest MTA-STS policy read (RFC 8461 §3.3 expects small files)
 * @param trustAnchors a master-file resource or file with the DNSSEC trust anchors (DS or DNSKEY);
 *     empty means the root zone's KSKs shipped with mailflow
 * @param cacheTtlMax the longest the checks keep a DNS answer (for its TTL) or an MTA-STS policy
 *     (for its {@code max_age}, until its {@code id} changes), so frequent scrapes of one target do
 *     not repeat every lookup; {@code 0s} keeps nothing
 */
@ConfigurationProperties("mailflow.posture")
public record PostureProperties(
        @DefaultValue("true") boolean enabled,

        @DefaultValue({"zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org"})
        List<String> dnsblZones,

        List<String> ourAddresses,
        List<String> referenceTargets,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("10s") Duration policyTimeout,
        @DefaultValue("65536") int policyMaxBytes,
        @DefaultValue("") String trustAnchors,
        @DefaultValue("5m") Duration cacheTtlMax) {

    private static final Pattern ZONE =
            Pattern.compile("(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63}\\.?");

    public PostureProperties {
        dnsblZones = dnsblZones == null ? List.of() : List.copyOf(dnsblZones);
        ourAddresses = ourAddresses == null ? List.of() : List.copyOf(ourAddresses);
        referenceTargets = referenceTargets == null ? List.of() : List.copyOf(referenceTargets);
        timeout = positive("timeout", timeout == null ? Duration.ofSeconds(20) : timeout);
        policyTimeout = positive("policy-timeout", policyTimeout == null ? Duration.ofSeconds(10) : policyTimeout);
        trustAnchors = trustAnchors == null ? "" : trustAnchors.strip();
        cacheTtlMax = cacheTtlMax == null ? Duration.ofMinutes(5) : cacheTtlMax;
        if (cacheTtlMax.isNegative()) {
            throw new IllegalArgumentException("mailflow.posture.cache-ttl-max must not be negative");
        }
        if (policyMaxBytes < 1024 || policyMaxBytes > 1_048_576) {
            throw new IllegalArgumentException(
                    "mailflow.posture.policy-max-bytes must be between 1024 and 1048576, was " + policyMaxBytes);
        }
        for (String zone : dnsblZones) {
            if (zone == null || !ZONE.matcher(zone).matches()) {
                throw new IllegalArgumentException("mailflow.posture.dnsbl-zones: '" + zone + "' is not a DNS zone");
            }
        }
        ourAddresses.forEach(PostureProperties::address);
        referenceTargets.forEach(PostureProperties::reference);
    }

    /** Our addresses as addresses; each was checked at start-up. */
    List<InetAddress> ourAddressList() {
        return ourAddresses.stream().map(PostureProperties::address).toList();
    }

    List<HostPort> references() {
        return referenceTargets.stream().map(PostureProperties::reference).toList();
    }

    private static InetAddress address(String literal) {
        return HostLiteral.parse(literal == null ? "" : literal.strip())
                .orElseThrow(() -> new IllegalArgumentException(
                        "mailflow.posture.our-addresses: '" + literal + "' is not an IPv4 or IPv6 address"));
    }

    private static HostPort reference(String entry) {
        return HostPort.parse(entry, 25, "mailflow.posture.reference-targets");
    }

    private static Duration positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("mailflow.posture." + name + " must be positive, was " + value);
        }
        return value;
    }
}
