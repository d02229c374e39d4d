package dev.mailflow.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailflow.messages.*}: the mail users bring.
 *
 * @param maxUpload the largest {@code .eml} / {@code .msg} upload or raw {@code message/rfc822}
 *     body read, from 64KB to 50MB
 */
@ConfigurationProperties("mailflow.messages")
public record MessageProperties(@DefaultValue("10MB") DataSize maxUpload) {

    public MessageProperties {
        maxUpload = maxUpload == null ? DataSize.ofMegabytes(10) : maxUpload;
        if (maxUpload.toBytes() < DataSize.ofKilobytes(64).toBytes()
                || maxUpload.toBytes() > DataSize.ofMegabytes(50).toBytes()) {
            throw new IllegalArgumentException(
                    "mailflow.messages.max-upload must be from 64KB to 50MB, not " + maxUpload);
        }
    }
}
