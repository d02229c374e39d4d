package dev.mailflow.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One mail exchanger of a plan, with its addresses (IPv4 first, then IPv6, each in answer order)
 * and the time its A and AAAA lookups took.
 *
 * @param name the host name without the trailing dot
 */
public record MxHost(int preference, String name, List<InetAddress> addresses, Duration took, Set<MxFlaw> flaws) {

    public MxHost {
        addresses = List.copyOf(addresses);
        flaws = Set.copyOf(flaws);
    }
}
