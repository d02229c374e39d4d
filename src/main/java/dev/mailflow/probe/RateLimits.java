package dev.mailflow.probe;

import dev.mailflow.dns.HostLiteral;
import dev.mailflow.mail.DomainName;
import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.text.AddressText;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits on starting runs: per user (or per machine token, with its own budget), per
 * destination (domain and explicit host), and DATA runs per user. Every window is one {@link
 * RateWindows} admission, so a run is admitted by all of them or by none, and N concurrent starts
 * against a limit of N admit exactly N: on one instance, or on every replica when the windows are
 * shared through the database.
 */
record RateLimits(LimitProperties limits, RateWindows windows) {

    private static final Duration RETRY = Duration.ofSeconds(10);

    /** A run against one destination (or none, when null); see {@link #admit(Requester, Collection, boolean)}. */
    void admit(Requester requester, String destination, boolean data) {
        admit(requester, destination == null ? List.of() : List.of(destination), data);
    }

    /**
     * Counts a run against every window it falls in, or none of them.
     *
     * @param requester a person counts against {@code runs-per-user}, a machine token against
     *     {@code runs-per-token}: scripts and Prometheus do not eat a person's budget, nor the reverse
     * @param destinations the domain and the explicit host the run names: each is counted, under
     *     its normalised name, so neither another spelling nor naming a host instead escapes the
     *     limit; empty for a run that is not counted per destination (an exporter scrape)
     * @throws TooBusyException naming the limit, with the wait until the oldest run leaves its window
     */
    void admit(Requester requester, Collection<String> destinations, boolean data) {
        var checks = new LinkedHashMap<RateWindows.Limit, String>();
        var name = requester.name();
        var window = RetryAfter.words(limits.window());
        if (requester.machine()) {
            checks.put(
                    new RateWindows.Limit("token:" + name, limits.runsPerToken(), limits.window()),
                    "The token " + name + " has started " + limits.runsPerToken() + " probes in the last " + window);
        } else {
            checks.put(
                    new RateWindows.Limit("user:" + name, limits.runsPerUser(), limits.window()),
                    "You have started " + limits.runsPerUser() + " probes in the last " + window);
        }
        destinations.stream()
                .filter(Objects::nonNull)
                .map(RateLimits::normalized)
                .distinct()
                .forEach(key -> checks.put(
                        new RateWindows.Limit("domain:" + key, limits.runsPerDomain(), limits.window()),
                        key + " has been probed " + limits.runsPerDomain() + " times in the last " + window));
        if (data) {
            checks.put(
                    new RateWindows.Limit("data:" + name, limits.dataRunsPerUser(), limits.dataWindow()),
                    "You have sent " + limits.dataRunsPerUser() + " test messages in the last "
                            + RetryAfter.words(limits.dataWindow()));
        }
        Optional<RateWindows.Full> full;
        try {
            full = windows.admit(List.copyOf(checks.keySet()));
        } catch (RuntimeException unreachable) {
            // The shared windows live in the database: without it no limit can be checked, so no run starts.
            throw new TooBusyException("The limits cannot be checked right now (database unreachable)", RETRY);
        }
        full.ifPresent(f -> {
            throw new TooBusyException(checks.get(f.limit()), f.retryAfter());
        });
    }

    /**
     * A destination as DNS compares names: A-labels (RFC 5890), lower case, no trailing dot. An IP
     * literal, bare or in brackets ({@code [192.0.2.1]}, {@code [IPv6:::1]}), is its address in the
     * one short form, so {@code ::1}, {@code 0:0::1} and {@code [IPv6:::1]} are one destination.
     */
    static String normalized(String name) {
        var text = name.strip();
        var address = HostLiteral.parse(withoutIpv6Tag(text));
        if (address.isPresent()) {
            return AddressText.of(address.get());
        }
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            return DomainName.parse(text).ascii();
        } catch (InvalidInputException notADomainName) {
            // kept as typed; it was validated before, so it is an IP literal
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /** {@code [IPv6:::1]} as {@code [::1]}: the tag of RFC 5321 §4.1.3 is not part of the address. */
    private static String withoutIpv6Tag(String text) {
        return text.regionMatches(true, 0, "[IPv6:", 0, 6) ? "[" + text.substring(6) : text;
    }
}
