package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private static LimitProperties limits(int perUser, int perDomain, int data) {
        return new LimitProperties(perUser, 600, perDomain, Duration.ofMinutes(10), data, Duration.ofHours(1));
    }

    private RateLimits rates(LimitProperties limits) {
        return new RateLimits(limits, new RateWindows(WindowStore.inMemory(clock), clock));
    }

    private static Requester person(String name) {
        return new Requester(name, true, false);
    }

    private static Requester token(String name) {
        return new Requester(name, false, false, true);
    }

    @Test
    void aTokenHasItsOwnBudgetApartFromThePeople() {
        var limits = new LimitProperties(2, 3, 1000, Duration.ofMinutes(10), 5, Duration.ofHours(1));
        var rates = rates(limits);
        for (int i = 0; i < 3; i++) {
            rates.admit(token("prometheus"), "example.com", false);
        }
        assertThatThrownBy(() -> rates.admit(token("prometheus"), "example.com", false))
                .isInstanceOf(TooBusyException.class)
                .hasMessageStartingWith("The token prometheus has started 3 probes in the last 10 minutes");
        // A person of the same name has the people's budget, untouched by the token's runs.
        rates.admit(person("prometheus"), "example.com", false);
        rates.admit(person("prometheus"), "example.com", false);
        assertThatThrownBy(() -> rates.admit(person("prometheus"), "example.com", false))
                .hasMessageStartingWith("You have started 2 probes");
    }

    @Test
    void withoutItsStoreNoRunStartsAndTheAnswerSaysWhy() {
        var broken = new WindowStore() {
            @Override
            public <T> T update(
                    java.util.SortedSet<String> keys,
                    java.util.function.Function<java.util.Map<String, SlidingWindow>, T> change) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public java.util.Map<String, SlidingWindow> read(java.util.SortedSet<String> keys) {
                throw new IllegalStateException("connection refused");
            }
        };
        var rates = new RateLimits(limits(30, 60, 5), new RateWindows(broken, clock));
        assertThatThrownBy(() -> rates.admit(person("kate"), "example.com", false))
                .isInstanceOf(TooBusyException.class)
                .hasMessageStartingWith("The limits cannot be checked right now (database unreachable)");
    }

    @Test
    void aRunCountedPerDestinationByNoneLeavesTheDestinationsBudgetAlone() {
        var rates = rates(limits(1000, 2, 5));
        for (int i = 0; i < 50; i++) {
            rates.admit(token("prometheus"), List.of(), false);
        }
        rates.admit(person("kate"), "example.com", false);
        rates.admit(person("lee"), "example.com", false);
        assertThatThrownBy(() -> rates.admit(person("sam"), "example.com", false))
                .hasMessageStartingWith("example.com has been probed 2 times");
    }

    @Test
    void manyConcurrentStartsAdmitExactlyTheLimit() throws Exception {
        var rates = rates(limits(30, 1000, 5));
        var admitted = new AtomicInteger();
        var refused = new AtomicInteger();
        var go = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 500; i++) {
                threads.submit(() -> {
                    go.await();
                    try {
                        rates.admit(person("kate"), "example.com", false);
                        admitted.incrementAndGet();
                    } catch (TooBusyException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                });
            }
            go.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(admitted).hasValue(30);
        assertThat(refused).hasValue(470);
    }

    @Test
    void aDomainIsLimitedAcrossUsersAndConcurrently() throws Exception {
        var rates = rates(limits(1000, 60, 5));
        var admitted = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 300; i++) {
                var user = "user" + (i % 7);
                threads.submit(() -> {
                    try {
                        rates.admit(person(user), "example.com", false);
                        admitted.incrementAndGet();
                    } catch (TooBusyException e) {
                        // over the limit
                    }
                });
            }
        }
        assertThat(admitted).hasValue(60);
        rates.admit(person("user0"), "example.org", false);
    }

    @Test
    void retryAfterIsWhenTheOldestRunLeavesTheWindow() {
        var rates = rates(limits(2, 60, 5));
        rates.admit(person("kate"), "example.com", false);
        clock.advance(Duration.ofMinutes(3));
        rates.admit(person("kate"), "example.com", false);
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> rates.admit(person("kate"), "example.org", false))
                .isInstanceOfSatisfying(TooBusyException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(6));
                    assertThat(e.getMessage())
                            .isEqualTo("You have started 2 probes in the last 10 minutes; try again in 6 minutes.");
                });

        clock.advance(Duration.ofMinutes(6));
        rates.admit(person("kate"), "example.org", false);
        rates.admit(person("lee"), "example.org", false);
    }

    @Test
    void aLongWaitIsToldInTheSameSecondsAsTheHeader() {
        var rates = rates(limits(30, 60, 1));
        rates.admit(person("kate"), "example.com", true);
        clock.advance(Duration.ofMillis(1_799_600));

        assertThatThrownBy(() -> rates.admit(person("kate"), "example.com", true))
                .isInstanceOfSatisfying(TooBusyException.class, e -> {
                    assertThat(e.retryAfterHeader()).isEqualTo("1801");
                    assertThat(e.getMessage()).endsWith("; try again in 1801 seconds.");
                });
    }

    @Test
    void dataRunsHaveTheirOwnSmallerLimit() {
        var rates = rates(limits(30, 60, 2));
        rates.admit(person("kate"), "example.com", true);
        rates.admit(person("kate"), "example.com", true);

        assertThatThrownBy(() -> rates.admit(person("kate"), "example.com", true))
                .isInstanceOfSatisfying(TooBusyException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
                    assertThat(e.getMessage()).startsWith("You have sent 2 test messages in the last 1 hour");
                });
        rates.admit(person("kate"), "example.com", false);
        rates.admit(person("lee"), "example.com", true);
    }

    @Test
    void aRefusedRunCountsAgainstNoWindow() {
        var rates = rates(limits(30, 1, 5));
        rates.admit(person("kate"), "example.com", true);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> rates.admit(person("kate"), "example.com", true))
                    .isInstanceOf(TooBusyException.class);
        }
        // The domain refusals took nothing from kate's DATA allowance (5 per hour).
        for (int i = 0; i < 4; i++) {
            rates.admit(person("kate"), "example" + i + ".org", true);
        }
    }

    @Test
    void waitsReadAsAPersonWouldSayThem() {
        assertThat(RetryAfter.words(Duration.ofMinutes(10))).isEqualTo("10 minutes");
        assertThat(RetryAfter.words(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(RetryAfter.words(Duration.ofMillis(41_200))).isEqualTo("42 seconds");
        assertThat(RetryAfter.words(Duration.ofSeconds(61))).isEqualTo("61 seconds");
        assertThat(RetryAfter.words(Duration.ofSeconds(1801))).isEqualTo("1801 seconds");
        assertThat(RetryAfter.words(Duration.ofSeconds(1800))).isEqualTo("30 minutes");
        assertThat(RetryAfter.words(Duration.ofSeconds(5400))).isEqualTo("90 minutes");
        assertThat(RetryAfter.header(Duration.ofMillis(41_200))).isEqualTo("42");
        assertThat(RetryAfter.header(Duration.ZERO)).isEqualTo("1");
    }

    @Test
    void theDestinationLimitCountsTheNormalisedNameAndEveryNamedDestination() {
        var rates = rates(limits(100, 3, 5));
        rates.admit(person("kate"), "Example.COM", false);
        rates.admit(person("kate"), "example.com.", false);
        rates.admit(person("kate"), List.of("other.test", "EXAMPLE.com"), false);

        assertThatThrownBy(() -> rates.admit(person("lee"), "eXample.com", false))
                .isInstanceOf(TooBusyException.class)
                .hasMessageStartingWith("example.com has been probed 3 times");
        assertThatThrownBy(() -> rates.admit(person("lee"), List.of("fresh.test", "example.com"), false))
                .isInstanceOf(TooBusyException.class);
        // Refused by one destination, counted against none.
        rates.admit(person("lee"), "fresh.test", false);
        assertThat(RateLimits.normalized("Bücher.Example")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void everySpellingOfOneAddressIsOneDestination() {
        var rates = rates(limits(100, 3, 5));
        rates.admit(person("kate"), "::1", false);
        rates.admit(person("kate"), "0:0::1", false);
        rates.admit(person("kate"), "[IPv6:0:0:0:0:0:0:0:1]", false);

        assertThatThrownBy(() -> rates.admit(person("lee"), "[ipv6:::1]", false))
                .isInstanceOf(TooBusyException.class)
                .hasMessageStartingWith("::1 has been probed 3 times");
        assertThatThrownBy(() -> rates.admit(person("lee"), "0000:0000::0001", false))
                .isInstanceOf(TooBusyException.class);

        rates.admit(person("kate"), "192.0.2.25", false);
        rates.admit(person("kate"), "[192.0.2.25]", false);
        rates.admit(person("kate"), "::ffff:192.0.2.25", false);
        assertThatThrownBy(() -> rates.admit(person("lee"), "192.0.2.25", false))
                .isInstanceOf(TooBusyException.class);
        assertThat(RateLimits.normalized("[IPv6:2001:DB8:0:0:0:0:0:25]")).isEqualTo("2001:db8::25");
    }
}
