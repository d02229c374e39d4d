package dev.mailflow.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.messages.*}: the mail users bring.
 *
 * @param maxUpload the largest {@code .eml} or {@code .msg} read (an upload on the page, or a raw
 *     message posted to the API), from 1KB to 50MB
 */
@Validated
@ConfigurationProperties("mailflow.messages")
public record MessageProperties(@DefaultValue("10MB") DataSize maxUpload) {

    public MessageProperties {
        if (maxUpload == null
                || maxUpload.toBytes() < 1024
                || maxUpload.toBytes() > DataSize.ofMegabytes(50).toBytes()) {
            throw new IllegalArgumentException(
                    "mailflow.messages.max-upload must be from 1KB to 50MB, not " + maxUpload);
        }
    }
}
