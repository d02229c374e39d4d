package dev.mailflow.history;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's writes, done in the order they were handed over, one at a time, on a virtual thread:
 * the engine never waits for the database (a slow or unreachable one delays the record, not the
 * run), and readers on other replicas still see events in sequence. A write that fails is logged
 * and the next one goes on.
 */
final class InOrder {

    private static final Logger log = LoggerFactory.getLogger(InOrder.class);

    private final String name;
    private final AtomicInteger unwritten;
    private final Queue<Runnable> pending = new ArrayDeque<>();
    private boolean draining;

    /** @param unwritten counts the writes handed over and not done yet, across runs */
    InOrder(String name, AtomicInteger unwritten) {
        this.name = name;
        this.unwritten = unwritten;
    }

    void submit(Runnable write) {
        unwritten.incrementAndGet();
        synchronized (pending) {
            pending.add(write);
            if (draining) {
                return;
            }
            draining = true;
        }
        Thread.ofVirtual().name(name).start(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (pending) {
                next = pending.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.warn("history: {} write failed", name, e);
            } finally {
                unwritten.decrementAndGet();
            }
        }
    }
}
