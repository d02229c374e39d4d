package dev.mailflow.probe;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Ends running runs when the application stops (SIGTERM): each ends as INTERRUPTED, with its audit
 * line, instead of vanishing with the JVM. Stops first (the highest phase), before the web server's
 * graceful shutdown waits for the streams that follow those runs.
 */
final class RunShutdown implements SmartLifecycle {

    /** Interrupted sessions close their sockets at once; this is only for a run stuck elsewhere (DNS). */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final ProbeService probes;
    private volatile boolean running;

    RunShutdown(ProbeService probes) {
        this.probes = probes;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        probes.interruptAll(GRACE);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
