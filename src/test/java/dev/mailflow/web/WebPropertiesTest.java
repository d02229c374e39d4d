package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WebPropertiesTest {

    static WebProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("mailflow.web", WebProperties.class);
    }

    @Test
    void theHeartbeatDefaultsToFifteenSeconds() {
        assertThat(bind(Map.of()).heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(bind(Map.of("mailflow.web.heartbeat", "50ms")).heartbeat()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aHeartbeatThatIsNotPositiveStopsTheStart() {
        assertThatThrownBy(() -> bind(Map.of("mailflow.web.heartbeat", "0s")))
                .hasStackTraceContaining("mailflow.web.heartbeat must be positive");
    }

    @Test
    void theRequestBodyLimitDefaultsToTensOfKilobytesAndIsChecked() {
        assertThat(bind(Map.of()).maxRequestBody().toKilobytes()).isEqualTo(96);
        assertThatThrownBy(() -> bind(Map.of("mailflow.web.max-request-body", "100B")))
                .hasStackTraceContaining("mailflow.web.max-request-body must be from 1KB to 10MB");
        assertThatThrownBy(() -> bind(Map.of("mailflow.web.max-request-body", "1GB")))
                .hasStackTraceContaining("mailflow.web.max-request-body must be from 1KB to 10MB");
    }
}
