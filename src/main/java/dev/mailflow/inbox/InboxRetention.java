package dev.mailflow.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes addresses and reports handed out longer ago than {@code mailflow.inbox.retention}, at start and hourly. */
final class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    private final InboxStore store;
    private final Duration retention;
    private final Clock clock;

    InboxRetention(InboxStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelay = 1, timeUnit = TimeUnit.HOURS)
    int purge() {
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
}
