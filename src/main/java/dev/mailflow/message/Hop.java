package dev.mailflow.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * One {@code Received} header as a hop, oldest first in a {@link HeaderReport}.
 *
 * @param from the sending host as the receiving server names it (often its HELO name), or null
 * @param by the receiving host, or null (qmail's {@code (qmail 4711 invoked from network)})
 * @param forAddress the recipient the hop names ({@code for <kate@example.com>}), or null
 * @param at the time the receiving host wrote, or null when the header has none that parses
 * @param delaySeconds seconds since the previous hop with a time (negative: the two clocks
 *     disagree), null for the first hop or without a time
 * @param fromAddress the sending host's IP address, when the header gives one
 * @param tls the TLS the hop used, when the header says so; null when it does not
 * @param organisation the receiving host's domain (its last two labels), null without one
 * @param inside whether the hop stays inside one organisation: the same domain on both sides, or a
 *     private or loopback sender address
 * @param note what a header that names no host says instead, or why the time is doubtful
 * @param raw the header's value as written, for the page
 */
@JsonPropertyOrder({"from", "by", "with", "id", "for", "via", "at", "delaySeconds", "fromAddress", "tls"})
public record Hop(
        String from,
        String by,
        String with,
        String id,
        @JsonProperty("for") String forAddress,
        String via,
        Instant at,
        Double delaySeconds,
        String fromAddress,
        Tls tls,
        @JsonIgnore String organisation,
        @JsonIgnore boolean inside,
        @JsonIgnore String note,
        @JsonIgnore String raw) {

    /**
     * The TLS of a hop; both parts null when the header only says TLS was used ({@code with
     * ESMTPS}, RFC 3848).
     */
    public record Tls(String version, String cipher) {}

    /** The same hop with its delay to the previous one. */
    Hop withDelay(Double seconds) {
        return new Hop(
                from, by, with, id, forAddress, via, at, seconds, fromAddress, tls, organisation, inside, note, raw);
    }

    /** A negative delay: the receiving host's clock is behind the previous one's. */
    @JsonIgnore
    public boolean clockSkew() {
        return delaySeconds != null && delaySeconds < 0;
    }
}
