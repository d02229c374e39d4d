package dev.mailflow.probe;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A vantage's task repeated at a fixed delay on its own daemon thread while the application runs:
 * the heartbeat and the worker. The database may be down for a while: a failed round is logged and
 * the next one tries again.
 */
abstract class VantageTask implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());

    private final String thread;
    private final String vantage;
    private final String failure;
    private final Duration first;
    private final Duration every;
    private ScheduledExecutorService timer;

    /**
     * @param thread the name of the task's thread
     * @param vantage this vantage's name, for the log
     * @param failure what the log says when a round fails
     */
    VantageTask(String thread, String vantage, String failure, Duration first, Duration every) {
        this.thread = thread;
        this.vantage = vantage;
        this.failure = failure;
        this.first = first;
        this.every = every;
    }

    /** One round of the task. */
    abstract void round();

    private void guarded() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("vantage {}: {}: {}", vantage, failure, e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name(thread).factory());
        timer.scheduleWithFixedDelay(this::guarded, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
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
