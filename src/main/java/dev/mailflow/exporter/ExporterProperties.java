package dev.mailflow.exporter;

import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mailflow.modules.<name>.*}: the probe configurations {@code /probe?module=} names, and
 * {@code mailflow.exporter.*}: how many recent probes it keeps, how close scrapes share a probe. Modules are checked again as a whole
 * by {@link Modules} at startup.
 */
@Validated
@ConfigurationProperties("mailflow")
public record ExporterProperties(
        @DefaultValue Map<String, @Valid ModuleSettings> modules,
        @DefaultValue @Valid Exporter exporter) {

    /**
     * One module as configured; null means the probe API's default.
     *
     * @param rcptTo recipients; {@code {domain}} stands for the target's domain
     * @param timeout the longest a probe of this module may take; the scrape timeout may shorten it
     * @param posture whether the posture checks (blocklists, SPF, DMARC, MTA-STS...) run; null: yes
     */
    public record ModuleSettings(
            @Min(1) @Max(65535) Integer port,
            TlsMode tls,
            Phase quitAfter,
            String mailFrom,
            List<String> rcptTo,
            String ehlo,
            Boolean allMx,
            Duration timeout,
            Boolean posture) {}

    /**
     * @param recentProbes probes kept in memory for {@code /probe/logs} (like blackbox_exporter's
     *     {@code --history.limit})
     * @param trackedTargets target and module pairs whose last outcome is remembered to notice a change
     * @param coalesce scrapes of one target and module this close together share one probe; {@code 0s}
     *     probes on every scrape
     */
    public record Exporter(
            @DefaultValue("100") @Min(1) int recentProbes,
            @DefaultValue("10000") @Min(1) int trackedTargets,
            @DefaultValue("10s") Duration coalesce) {

        public Exporter {
            if (coalesce.isNegative()) {
                throw new IllegalArgumentException("mailflow.exporter.coalesce must not be negative");
            }
        }
    }
}
