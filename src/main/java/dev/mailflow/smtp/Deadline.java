package dev.mailflow.smtp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The session's total deadline. Socket timeouts only bound silence: a server that drips one byte per
 * second never trips them, and a blocked write ignores them. So when the deadline passes, the current
 * socket is closed, which fails any blocked read or write at once. One timer serves every session's
 * deadline: a watchdog thread per session, woken by an interrupt at its end, cost a thread start, a
 * timed sleep and an exception per session, which showed in the exporter bench.
 */
final class Deadline implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration total;
    private final long endNanos;
    private final ScheduledFuture<?> expiry;
    private volatile Socket guarded;
    private volatile boolean passed;

    private Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
        this.expiry = TIMER.schedule(this::expire, total.toNanos(), TimeUnit.NANOSECONDS);
    }

    static Deadline start(Duration total) {
        return new Deadline(total);
    }

    /** The socket to close when the deadline passes; replaces the previous one (a reconnect). */
    void guard(Socket socket) {
        guarded = socket;
        if (passed) {
            closeQuietly(socket);
        }
    }

    boolean passed() {
        return passed || System.nanoTime() >= endNanos;
    }

    Duration total() {
        return total;
    }

    /** The smaller of {@code step} and the time left, at least one millisecond. */
    Duration bound(Duration step) {
        long left = Math.max(1_000_000L, endNanos - System.nanoTime());
        return step.toNanos() < left ? step : Duration.ofNanos(left);
    }

    /**
     * On the timer's thread. The socket is closed on a virtual thread of its own: closing a TLS
     * socket sends close_notify, which can block on a server that reads nothing, and the timer must
     * stay free for the other sessions' deadlines.
     */
    private void expire() {
        passed = true;
        var socket = guarded;
        if (socket != null) {
            Thread.ofVirtual().name("smtp-deadline").start(() -> closeQuietly(socket));
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        var timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("smtp-deadline").daemon().factory());
        // A session that ends in time takes its deadline out of the queue at once.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is the point; a failure to close leaves nothing to do.
        }
    }

    @Override
    public void close() {
        expiry.cancel(false);
    }
}
