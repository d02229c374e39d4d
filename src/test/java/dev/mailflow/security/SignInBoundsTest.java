package dev.mailflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.probe.RateWindows;
import dev.mailflow.probe.WindowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The two bounds on sign-in cost: checks at once, and failures per address and per user name. */
class SignInBoundsTest {

    /** A password check that takes as long as the test says. */
    static final class HeldEncoder implements PasswordEncoder {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String encode(CharSequence raw) {
            return raw.toString();
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return raw.toString().equals(encoded);
        }
    }

    @Test
    void beyondTheBoundASignInIsRefusedAsBusyInsteadOfQueuedForever() throws Exception {
        var held = new HeldEncoder();
        var bounded = new BoundedPasswordEncoder(held, 1, Duration.ofMillis(50));
        var first = Thread.ofVirtual().start(() -> bounded.matches("pw", "pw"));
        assertThat(held.entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> bounded.matches("pw", "pw"))
                .isInstanceOf(BoundedPasswordEncoder.SignInBusyException.class)
                .satisfies(e -> assertThat(((BoundedPasswordEncoder.SignInBusyException) e).retryAfter())
                        .isEqualTo(Duration.ofMillis(50)));

        held.release.countDown();
        first.join();
        assertThat(bounded.matches("pw", "pw")).isTrue();
    }

    @Test
    void failuresArePerAddressAndPerUserNameWithTheWaitUntilTheOldestLeavesTheWindow() {
        var clock = new Clock() {
            Instant now = Instant.parse("2026-03-01T10:00:00Z");

            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        var failures = new FailedSignIns(
                new SignInProperties(1, Duration.ZERO, 3, 2, Duration.ofMinutes(5)),
                new RateWindows(WindowStore.inMemory(clock), clock));

        failures.record("192.0.2.1", "Kate");
        clock.now = clock.now.plusSeconds(10);
        assertThat(failures.refusedFor("192.0.2.1", "kate")).isEmpty();
        failures.record("192.0.2.1", "kate");
        assertThat(failures.refusedFor("198.51.100.9", "KATE")).contains(Duration.ofSeconds(290));
        assertThat(failures.refusedFor("192.0.2.1", "lee")).isEmpty();

        failures.record("192.0.2.1", "lee");
        assertThat(failures.refusedFor("192.0.2.1", "sam")).contains(Duration.ofSeconds(290));
        assertThat(failures.refusedFor("198.51.100.9", "sam")).isEmpty();

        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(failures.refusedFor("192.0.2.1", "kate")).isEmpty();
    }
}
