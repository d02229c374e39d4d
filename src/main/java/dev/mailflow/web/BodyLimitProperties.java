package dev.mailflow.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailflow.web.max-request-body}: the largest request body read at all. A probe request
 * needs a few hundred bytes; a test message's subject and body count against it too.
 *
 * @param maxRequestBody from 1KB to 10MB
 */
@ConfigurationProperties("mailflow.web")
record BodyLimitProperties(@DefaultValue("96KB") DataSize maxRequestBody) {

    BodyLimitProperties {
        if (maxRequestBody.toBytes() < 1024
                || maxRequestBody.toBytes() > DataSize.ofMegabytes(10).toBytes()) {
            throw new IllegalArgumentException(
                    "mailflow.web.max-request-body must be from 1KB to 10MB, not " + maxRequestBody);
        }
    }
}
