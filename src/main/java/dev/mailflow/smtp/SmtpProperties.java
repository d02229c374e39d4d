package dev.mailflow.smtp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.smtp.*}: how sessions talk.
 *
 * @param port the port used when a request names none (RFC 5321 §4.5.4.2: 25 for relay)
 * @param heloName the EHLO name used when a request names none; blank means this host's name
 * @param mailFrom the sender used when a request names none; blank means the null sender {@code <>}
 */
@Validated
@ConfigurationProperties("mailflow.smtp")
public record SmtpProperties(
        @DefaultValue("25") @Min(1) @Max(65535) int port,
        @DefaultValue("") String heloName,
        @DefaultValue("") String mailFrom,
        @DefaultValue @Valid @NotNull TimeoutSettings timeouts) {

    /** Per-step timeouts and the total deadline of one session (RFC 5321 §4.5.3.2 gives minutes; we probe). */
    public record TimeoutSettings(
            @DefaultValue("10s") @NotNull Duration connect,
            @DefaultValue("60s") @NotNull Duration banner,
            @DefaultValue("30s") @NotNull Duration command,
            @DefaultValue("120s") @NotNull Duration data,
            @DefaultValue("3m") @NotNull Duration total) {

        public Timeouts toTimeouts() {
            return new Timeouts(connect, banner, command, data, total);
        }
    }
}
