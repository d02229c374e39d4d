package dev.mailflow.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.web.*}: how the pages and streams behave.
 *
 * @param heartbeat how often an idle event stream sends a comment, so proxies keep it open
 */
@Validated
@ConfigurationProperties("mailflow.web")
record WebProperties(@DefaultValue("15s") Duration heartbeat) {

    WebProperties {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("mailflow.web.heartbeat must be positive");
        }
    }
}
