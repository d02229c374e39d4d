package dev.mailflow.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Deletes addresses and reports handed out longer ago than {@code mailflow.inbox.retention}, at start and hourly. */
final class InboxRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final InboxStore store;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService timer;

    InboxRetention(InboxStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

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

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("inbox-retention").factory());
        timer.scheduleWithFixedDelay(this::purge, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
