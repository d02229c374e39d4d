package dev.mailflow.probe;

import java.time.Duration;
import java.time.Instant;

/**
 * A vantage as the registry knows it from its last heartbeat: where it sends from and how the
 * world sees that address.
 *
 * @param instance the instance that wrote the heartbeat
 * @param heartbeatEvery the period it promised; three missed and it is down
 * @param egressV4 its IPv4 source address (the configured one, else the routing table's), or null
 * @param egressV6 likewise for IPv6
 * @param ptr the IPv4 address's reverse name, or a note why there is none
 * @param blocklists whether the address is on a DNS blocklist, as one line
 */
public record Vantage(
        String name,
        String instance,
        String version,
        Instant heartbeatAt,
        Duration heartbeatEvery,
        String egressV4,
        String egressV6,
        String ptr,
        String blocklists) {

    /** Up unless silent for three heartbeats. */
    public boolean up(Instant now) {
        return heartbeatAt.plus(heartbeatEvery.multipliedBy(3)).isAfter(now);
    }

    /** The address the world knows it by: IPv4 if it has one. */
    public String egress() {
        return egressV4 != null ? egressV4 : egressV6;
    }
}
