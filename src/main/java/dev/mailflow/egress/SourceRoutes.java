package dev.mailflow.egress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The local address this host would send from to reach a destination, as the routing table says,
 * kept a few seconds per destination. Why kept: a run's posture asks it for every MX address, and
 * asking opens, connects and closes a socket, which showed in the exporter bench scrape after scrape
 * of one target; the routing table changes far more rarely than that.
 */
final class SourceRoutes {

    /** How long an answer is kept. */
    static final Duration KEEP = Duration.ofSeconds(10);

    /** Beyond this many destinations, every answer is dropped. */
    private static final int MAX_ENTRIES = 1_000;

    private record Route(Optional<InetAddress> source, long expiresNanos) {}

    private final Function<InetAddress, Optional<InetAddress>> ask;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<InetAddress, Route> routes = new ConcurrentHashMap<>();

    SourceRoutes() {
        this(SourceRoutes::askRoutingTable, System::nanoTime);
    }

    SourceRoutes(Function<InetAddress, Optional<InetAddress>> ask, LongSupplier nanoTime) {
        this.ask = ask;
        this.nanoTime = nanoTime;
    }

    Optional<InetAddress> toward(InetAddress destination) {
        long now = nanoTime.getAsLong();
        var route = routes.get(destination);
        if (route != null && route.expiresNanos() - now > 0) {
            return route.source();
        }
        var source = ask.apply(destination);
        if (routes.size() >= MAX_ENTRIES) {
            routes.clear();
        }
        routes.put(destination, new Route(source, now + KEEP.toNanos()));
        return source;
    }

    /**
     * A UDP socket "connected" to the destination asks the routing table and sends nothing (no
     * packet leaves). Behind NAT it is the private address, not the one the world sees.
     */
    private static Optional<InetAddress> askRoutingTable(InetAddress destination) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(destination, 25);
            InetAddress local = probe.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? Optional.empty() : Optional.of(local);
        } catch (IOException | UncheckedIOException noRoute) {
            return Optional.empty();
        }
    }
}
