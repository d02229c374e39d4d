package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionSlotsTest {

    @Test
    void neverMoreSessionsThanTheGlobalAndPerAddressCaps() throws Exception {
        var slots = new SessionSlots(4, 2);
        var a = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
        var b = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 2});
        var c = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 3});
        var total = new AtomicInteger();
        var maxTotal = new AtomicInteger();
        var perAddress = new java.util.concurrent.ConcurrentHashMap<InetAddress, AtomicInteger>();
        var maxPerAddress = new AtomicInteger();

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 60; i++) {
                var address = i % 3 == 0 ? a : i % 3 == 1 ? b : c;
                executor.submit(() -> {
                    try (var slot = slots.acquire(address)) {
                        maxTotal.accumulateAndGet(total.incrementAndGet(), Math::max);
                        var mine = perAddress.computeIfAbsent(address, k -> new AtomicInteger());
                        maxPerAddress.accumulateAndGet(mine.incrementAndGet(), Math::max);
                        Thread.sleep(2);
                        mine.decrementAndGet();
                        total.decrementAndGet();
                    }
                    return null;
                });
            }
        }
        assertThat(maxTotal.get()).isLessThanOrEqualTo(4);
        assertThat(maxPerAddress.get()).isLessThanOrEqualTo(2);
        assertThat(slots.active()).isZero();
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void waitingSessionsAreCounted() throws Exception {
        var slots = new SessionSlots(1, 1);
        var address = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
        var held = slots.acquire(address);
        var acquired = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try (var slot = slots.acquire(address)) {
                acquired.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> slots.waiting() > 0);
        assertThat(slots.waiting()).isEqualTo(1);
        assertThat(slots.active()).isEqualTo(1);
        held.close();
        assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
