package dev.mailflow.probe;

import dev.mailflow.smtp.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A run's append-only events: append (or copy, for a run recorded elsewhere), read after a sequence
 * number, and wait for more or for the end. Its lock is the run's one lock, so a reader of the
 * run's state and events sees them agree.
 */
final class RunLog {

    /** Keeps a hostile or endless run from growing without bound; the sessions' own caps come first. */
    static final int MAX_EVENTS = 20_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Condition ended = lock.newCondition();
    private final List<ProbeEvent> events = new ArrayList<>();
    private boolean closed;
    private boolean truncated;

    <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable write) {
        lock.lock();
        try {
            write.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends the next event, at {@code at} ms into the run; null when the log is closed, or full
     * (then one ERROR says so, and only DONE still fits).
     */
    ProbeEvent append(long at, String session, Phase phase, ProbeEvent.Kind kind, String text, EventDetail detail) {
        return locked(() -> {
            if (closed) {
                return null;
            }
            if (events.size() >= MAX_EVENTS - 1 && kind != ProbeEvent.Kind.DONE) {
                if (!truncated) {
                    truncated = true;
                    add(new ProbeEvent(
                            events.size() + 1,
                            at,
                            null,
                            null,
                            ProbeEvent.Kind.ERROR,
                            "Too many events; the rest of this run is not recorded.",
                            null));
                }
                return null;
            }
            return add(new ProbeEvent(events.size() + 1, at, session, phase, kind, text, detail));
        });
    }

    /** Adds an event recorded elsewhere if it is the next in sequence; a re-read never duplicates. */
    void copy(ProbeEvent event) {
        locked(() -> {
            if (event.seq() == events.size() + 1) {
                add(event);
            }
        });
    }

    private ProbeEvent add(ProbeEvent event) {
        events.add(event);
        appended.signalAll();
        return event;
    }

    /** No more events: wakes every reader, and whoever waits for the end. */
    void close() {
        locked(() -> {
            closed = true;
            appended.signalAll();
            ended.signalAll();
        });
    }

    boolean closed() {
        return locked(() -> closed);
    }

    int size() {
        return locked(events::size);
    }

    /** The events with a sequence number above {@code seq}, in order. */
    List<ProbeEvent> after(long seq) {
        return locked(() -> {
            int from = (int) Math.max(0, Math.min(seq, events.size()));
            return List.copyOf(events.subList(from, events.size()));
        });
    }

    /** The first event that matches, found without copying the log. */
    Optional<ProbeEvent> first(Predicate<ProbeEvent> matches) {
        return locked(() -> events.stream().filter(matches).findFirst());
    }

    /** The events after {@code seq}, waiting up to {@code maxWait} for one while the log is open. */
    List<ProbeEvent> awaitAfter(long seq, Duration maxWait) throws InterruptedException {
        long nanos = maxWait.toNanos();
        lock.lock();
        try {
            while (events.size() <= seq && !closed && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
            return after(seq);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code maxWait} for the end, woken once rather than at every event. */
    boolean awaitClosed(Duration maxWait) throws InterruptedException {
        long nanos = maxWait.toNanos();
        lock.lock();
        try {
            while (!closed && nanos > 0) {
                nanos = ended.awaitNanos(nanos);
            }
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
