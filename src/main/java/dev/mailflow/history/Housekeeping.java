package dev.mailflow.history;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The history's clockwork: at start, closes the runs this instance's previous life and every
 * expired lease left RUNNING, and purges old runs; then renews this instance's leases, closes
 * expired ones, re-reads followed runs (a lost wake-up costs one poll) and purges, each on its own
 * period. It also starts the LISTEN connection when there is one.
 */
final class Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final Leases leases;
    private final Retention retention;
    private final RunCopies copies;
    private final PgNotifications notifications;
    private final HistoryProperties properties;
    private ScheduledExecutorService timer;

    /** @param notifications null on the embedded database */
    Housekeeping(
            Leases leases,
            Retention retention,
            RunCopies copies,
            PgNotifications notifications,
            HistoryProperties properties) {
        this.leases = leases;
        this.retention = retention;
        this.copies = copies;
        this.notifications = notifications;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        guarded("closing runs of a previous start", leases::closeOwn);
        guarded("closing expired leases", leases::closeExpired);
        guarded("purging old runs", retention::purge);
        if (notifications != null) {
            notifications.start();
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("history-housekeeping").factory());
        every(properties.renewEvery(), () -> guarded("renewing leases", leases::renew));
        every(properties.renewEvery(), () -> guarded("closing expired leases", leases::closeExpired));
        every(properties.poll(), copies::refreshAll);
        every(properties.purgeEvery(), () -> guarded("purging old runs", retention::purge));
    }

    private void every(Duration period, Runnable task) {
        timer.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The database may be down for a while; the next period tries again. */
    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("history: {} failed: {}", what, e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (notifications != null) {
            notifications.stop();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
