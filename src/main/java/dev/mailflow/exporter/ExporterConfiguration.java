package dev.mailflow.exporter;

import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code /probe}: modules (checked at startup), recent probes, change tracking, coalescing,
 * and the servlet that answers it.
 */
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

    /** {@code /probe} and {@code /probe/logs}, exact paths: they win over the dispatcher servlet's {@code /}. */
    @Bean
    ServletRegistrationBean<ExporterServlet> exporterServlet(
            Modules modules, Scraper scraper, RecentProbes recent, Requester.Current requester) {
        var registration = new ServletRegistrationBean<>(
                new ExporterServlet(modules, scraper, recent, requester), ExporterServlet.PROBE, ExporterServlet.LOGS);
        registration.setName("exporter");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
