package dev.mailflow.smtp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * The session's total deadline. Socket timeouts only bound silence: a server that drips one byte per
 * second never trips them, and a blocked write ignores them. So a watchdog on a virtual thread closes
 * the current socket when the deadline passes, which fails any blocked read or write at once.
 */
final class Deadline implements AutoCloseable {

    private final Duration total;
    private final long endNanos;
    private final Thread watchdog;
    private volatile Socket guarded;
    private volatile boolean passed;

    private Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
        this.watchdog = Thread.ofVirtual().name("smtp-deadline").start(this::watch);
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

    private void watch() {
        try {
            long left;
            while ((left = endNanos - System.nanoTime()) > 0) {
                Thread.sleep(Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            return;
        }
        passed = true;
        var socket = guarded;
        if (socket != null) {
            closeQuietly(socket);
        }
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
        watchdog.interrupt();
    }
}
