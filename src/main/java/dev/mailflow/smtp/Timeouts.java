package dev.mailflow.smtp;

import java.time.Duration;

/** Per-step timeouts and the one total deadline of a session. */
public record Timeouts(Duration connect, Duration banner, Duration command, Duration data, Duration total) {

    public static Timeouts defaults() {
        return new Timeouts(
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                Duration.ofSeconds(120),
                Duration.ofMinutes(3));
    }
}
