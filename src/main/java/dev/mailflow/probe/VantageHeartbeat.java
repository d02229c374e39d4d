package dev.mailflow.probe;

import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.posture.PostureChecks;
import dev.mailflow.text.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Writes this vantage's heartbeat into the registry: when it last lived, and its egress as the
 * world sees it (source addresses, PTR, blocklists), looked up again every {@link #FACTS_EVERY}.
 */
final class VantageHeartbeat implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(VantageHeartbeat.class);

    /** DNS answers for our own address change rarely; a lookup per heartbeat would be noise. */
    static final Duration FACTS_EVERY = Duration.ofMinutes(10);

    private final VantageParts parts;
    private final VantageProperties properties;
    private final TargetPolicy targets;
    private final PostureChecks posture;
    private final String ehlo;
    private final Clock clock;
    private volatile Egress egress;
    private volatile Instant factsAt = Instant.MIN;

    VantageHeartbeat(
            VantageParts parts,
            VantageProperties properties,
            TargetPolicy targets,
            PostureChecks posture,
            String ehlo,
            Clock clock) {
        this.parts = parts;
        this.properties = properties;
        this.targets = targets;
        this.posture = posture;
        this.ehlo = ehlo;
        this.clock = clock;
    }

    /** This vantage's egress facts, as last written. */
    record Egress(String v4, String v6, String ptr, String blocklists) {}

    /**
     * At start and every {@code mailflow.vantages.heartbeat} on Spring's scheduler, at a fixed rate so
     * that each beat has a thread of its own (see {@link VantageWorker#configureTasks}); two beats that
     * overlap write the same row.
     */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedRateTask(new FixedRateTask(this::round, properties.heartbeat(), Duration.ZERO));
    }

    private void round() {
        try {
            beat();
        } catch (RuntimeException e) {
            // The database may be down for a while; the next beat tries again.
            log.warn("vantage {}: heartbeat not written: {}", properties.name(), e.getMessage());
        }
    }

    /** Writes the heartbeat now, looking the egress up again when its facts are old. */
    void beat() {
        var now = clock.instant();
        if (egress == null || now.isAfter(factsAt.plus(FACTS_EVERY))) {
            egress = lookUp();
            factsAt = now;
        }
        var facts = egress;
        parts.heartbeat(new Vantage(
                properties.name(),
                null,
                version(),
                now,
                properties.heartbeat(),
                facts.v4(),
                facts.v6(),
                facts.ptr(),
                facts.blocklists()));
    }

    private Egress lookUp() {
        var v4 = targets.sourceAddressToward(address(192, 0, 2, 1));
        var v6 = targets.sourceAddressToward(address(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
        var ptr = "unknown";
        var blocklists = "not checked";
        var main = v4.or(() -> v6);
        if (main.isPresent()) {
            try {
                for (var check : posture.ourAddress(main.get(), ehlo)) {
                    switch (check.kind()) {
                        case EGRESS -> ptr = check.summary();
                        case BLOCKLISTS -> blocklists = check.summary();
                        default -> {}
                    }
                }
                if (TargetPolicy.reservedRange(main.get())) {
                    blocklists = "not checked: a private address, which the lists never see";
                }
            } catch (RuntimeException e) {
                log.warn("vantage {}: egress lookups failed: {}", properties.name(), e.getMessage());
            }
        }
        return new Egress(text(v4), text(v6), ptr, blocklists);
    }

    private static String text(Optional<InetAddress> address) {
        return address.map(AddressText::of).orElse(null);
    }

    /** A documentation address to ask the routing table with: no packet is sent to it. */
    private static InetAddress address(int... octets) {
        var bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String version() {
        var version = VantageHeartbeat.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
