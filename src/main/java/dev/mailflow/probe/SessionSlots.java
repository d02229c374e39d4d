package dev.mailflow.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounds on concurrent sessions: a global cap and a cap per destination address. A session takes
 * its address slot first, so sessions queued for one busy address do not hold global slots.
 */
final class SessionSlots {

    private final Semaphore global;
    private final int perAddress;
    private final Map<InetAddress, AddressSlot> byAddress = new HashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();

    SessionSlots(int maxSessions, int maxPerAddress) {
        this.global = new Semaphore(maxSessions, true);
        this.perAddress = maxPerAddress;
    }

    /**
     * Waits at most {@code maxWait} for both slots: the wait counts against the run's deadline, so a
     * queued session cannot hold its run beyond it. Empty when the wait ran out (nothing is held
     * then); a returned slot must be closed.
     */
    Optional<Slot> acquire(InetAddress address, Duration maxWait) throws InterruptedException {
        long end = System.nanoTime() + Math.max(0, maxWait.toNanos());
        var slot = reserve(address);
        waiting.incrementAndGet();
        boolean addressHeld = false;
        boolean globalHeld = false;
        try {
            addressHeld = slot.permits.tryAcquire(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (addressHeld) {
                globalHeld = global.tryAcquire(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        } finally {
            waiting.decrementAndGet();
            if (!globalHeld) {
                if (addressHeld) {
                    slot.permits.release();
                }
                unreserve(address);
            }
        }
        if (!globalHeld) {
            return Optional.empty();
        }
        active.incrementAndGet();
        return Optional.of(() -> {
            active.decrementAndGet();
            global.release();
            slot.permits.release();
            unreserve(address);
        });
    }

    /** Blocks until both slots are free; the returned slot must be closed. */
    Slot acquire(InetAddress address) throws InterruptedException {
        var slot = reserve(address);
        waiting.incrementAndGet();
        try {
            slot.permits.acquire();
            try {
                global.acquire();
            } catch (InterruptedException e) {
                slot.permits.release();
                throw e;
            }
        } catch (InterruptedException e) {
            unreserve(address);
            throw e;
        } finally {
            waiting.decrementAndGet();
        }
        active.incrementAndGet();
        return () -> {
            active.decrementAndGet();
            global.release();
            slot.permits.release();
            unreserve(address);
        };
    }

    int active() {
        return active.get();
    }

    int waiting() {
        return waiting.get();
    }

    private synchronized AddressSlot reserve(InetAddress address) {
        var slot = byAddress.computeIfAbsent(address, a -> new AddressSlot(new Semaphore(perAddress, true)));
        slot.users++;
        return slot;
    }

    /** Forgets an address once nobody uses or waits for it, so the map stays small. */
    private synchronized void unreserve(InetAddress address) {
        var slot = byAddress.get(address);
        if (slot != null && --slot.users == 0) {
            byAddress.remove(address);
        }
    }

    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private static final class AddressSlot {
        final Semaphore permits;
        int users;

        AddressSlot(Semaphore permits) {
            this.permits = permits;
        }
    }
}
