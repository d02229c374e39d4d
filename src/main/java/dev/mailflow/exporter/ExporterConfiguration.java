package dev.mailflow.exporter;

import dev.mailflow.probe.ProbeService;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@code /probe}: modules (checked at startup), recent probes, change tracking, coalescing. */
@Configuration(proxyBeanMethods = false)
class ExporterConfiguration {

    @Bean
    Modules modules(ExporterProperties properties) {
        return new Modules(properties);
    }

    @Bean
    RecentProbes recentProbes(ExporterProperties properties) {
        return new RecentProbes(properties.exporter().recentProbes());
    }

    @Bean
    Scraper scraper(
            ProbeService probes, List<ScrapeMetrics> metrics, RecentProbes recent, ExporterProperties properties) {
        return new Scraper(
                probes,
                metrics,
                recent,
                new ChangeTracker(properties.exporter().trackedTargets()),
                new Coalescing(properties.exporter().coalesce()));
    }
}
