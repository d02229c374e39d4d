package dev.mailflow.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The test mailbox as people use it: hand out a one-time address, read the report of what arrived
 * (its owner and those who see every report, nobody else), and wait for it to change.
 */
public final class TestMailbox {

    private static final Logger log = LoggerFactory.getLogger(TestMailbox.class);

    private final InboxProperties properties;
    private final CheckAddresses addresses;
    private final InboxStore store;
    private final InboxEvents events;
    private final Clock clock;
    private final Object changes = new Object();
    private long version;

    TestMailbox(
            InboxProperties properties, CheckAddresses addresses, InboxStore store, InboxEvents events, Clock clock) {
        this.properties = properties;
        this.addresses = addresses;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Deletes addresses and reports handed out longer ago than {@code mailflow.inbox.retention}, at
     * start and hourly; also when the mailbox is off, so reports of a time it was on still age out.
     */
    @Scheduled(initialDelay = 0, fixedRate = 1, timeUnit = TimeUnit.HOURS)
    int purge() {
        var retention = properties.retention();
        try {
            int purged = store.purge(clock.instant().minus(retention));
            if (purged > 0) {
                log.info("inbox: purged {} test addresses older than {}", purged, retention);
            }
            return purged;
        } catch (RuntimeException e) {
            // The database may be down for a while; the next hour tries again.
            log.warn("inbox: purge failed: {}", e.getMessage());
            return 0;
        }
    }

    /** Whether addresses are handed out at all ({@code mailflow.inbox.enabled}). */
    public boolean enabled() {
        return properties.enabled();
    }

    public Instant now() {
        return clock.instant();
    }

    /** A new address for {@code owner}, waiting for {@code mailflow.inbox.ttl}. */
    public Mailbox create(String owner) {
        if (!enabled()) {
            throw new IllegalStateException("the test mailbox is off (mailflow.inbox.enabled)");
        }
        Instant now = clock.instant();
        var mailbox = new Mailbox(
                addresses.newId(), addresses.newAddress(), owner, now, now.plus(properties.ttl()), null, null);
        store.add(mailbox);
        events.handedOut(mailbox);
        return mailbox;
    }

    /** The mailbox {@code id} if {@code viewer} may read it (its owner, or one who sees every report). */
    public Optional<Mailbox> find(String id, String viewer, boolean seesEveryReport) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return store.find(id).filter(m -> m.readableBy(viewer, seesEveryReport));
    }

    /** The newest addresses {@code viewer} may read, newest first. */
    public List<Mailbox> recent(String viewer, boolean seesEveryReport, int limit) {
        return store.recent(seesEveryReport ? null : viewer, limit);
    }

    /**
     * Waits until a message arrives or a report is stored on this instance, at most {@code
     * timeout}; a caller then reads the store again (on another replica's arrival, the timeout is
     * the delay).
     */
    public void awaitChange(Duration timeout) throws InterruptedException {
        synchronized (changes) {
            long seen = version;
            long until = System.nanoTime() + timeout.toNanos();
            while (version == seen) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changes.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    void changed() {
        synchronized (changes) {
            version++;
            changes.notifyAll();
        }
    }
}
