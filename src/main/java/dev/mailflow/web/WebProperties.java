package dev.mailflow.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.web.*}: how the pages and streams behave.
 *
 * @param heartbeat how often an idle event stream sends a comment, so proxies keep it open
 * @param maxRequestBody the largest request body read at all, from 1KB to 10MB: a probe request
 *     needs a few hundred bytes; a test message's subject and body count against it too
 */
@Validated
@ConfigurationProperties("mailflow.web")
record WebProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("96KB") DataSize maxRequestBody) {

    WebProperties {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("mailflow.web.heartbeat must be positive");
        }
        if (maxRequestBody.toBytes() < 1024
                || maxRequestBody.toBytes() > DataSize.ofMegabytes(10).toBytes()) {
            throw new IllegalArgumentException(
                    "mailflow.web.max-request-body must be from 1KB to 10MB, not " + maxRequestBody);
        }
    }
}
