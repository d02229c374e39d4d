package dev.mailflow.exporter;

import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.TooBusyException;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /probe?target=&module=}: a multi-target SMTP probe with blackbox_exporter's
 * conventions (error texts, the scrape-timeout header, {@code debug=true}), so Prometheus set-ups
 * made for it carry over. Errors are plain text, as blackbox_exporter answers them.
 */
@RestController
class ExporterController {

    static final String TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";

    /** blackbox_exporter's default module is its most common probe; ours is the one that checks TLS. */
    static final String DEFAULT_MODULE = "smtp_starttls";

    private static final MediaType TEXT = MediaType.parseMediaType("text/plain; charset=utf-8");

    // Looked up per request: web-layer test slices load every controller but not the exporter's wiring.
    private final ObjectProvider<Modules> modules;
    private final ObjectProvider<Scraper> scraper;
    private final ObjectProvider<RecentProbes> recent;

    ExporterController(
            ObjectProvider<Modules> modules, ObjectProvider<Scraper> scraper, ObjectProvider<RecentProbes> recent) {
        this.modules = modules;
        this.scraper = scraper;
        this.recent = recent;
    }

    @GetMapping("/probe")
    ResponseEntity<?> probe(
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String module,
            @RequestParam(required = false) String debug,
            @RequestParam(required = false) String vantage,
            @RequestHeader(name = TIMEOUT_HEADER, required = false) String scrapeTimeout,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            Requester requester)
            throws InterruptedException {
        var name = module == null || module.isEmpty() ? DEFAULT_MODULE : module;
        var probeModule = modules.getObject()
                .find(name)
                .orElseThrow(() -> new BadScrapeException("Unknown module \"" + name + "\""));
        if (target == null || target.isBlank()) {
            throw new BadScrapeException("Target parameter is missing");
        }
        var timeout = Modules.timeout(probeModule, seconds(scrapeTimeout));
        var at = vantage == null || vantage.isBlank() ? null : vantage.strip();
        var entry = scraper.getObject().scrape(ScrapeTarget.parse(target), probeModule, timeout, requester, at);
        if ("true".equalsIgnoreCase(debug)) {
            return ResponseEntity.ok().contentType(TEXT).body(DebugReport.of(entry));
        }
        var exposition = Exposition.of(entry.metrics(), accept);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(exposition.contentType()))
                .body(exposition.body());
    }

    /** A recent probe's debug output again, by the id its debug output names (its owner or an ADMIN). */
    @GetMapping("/probe/logs")
    ResponseEntity<String> logs(@RequestParam String id, Requester requester) {
        return recent.getObject()
                .find(id)
                .filter(e -> requester.seesEveryRun()
                        || requester.name().equals(e.scrape().run().owner()))
                .map(e -> ResponseEntity.ok().contentType(TEXT).body(DebugReport.of(e)))
                .orElseGet(() -> text(HttpStatus.NOT_FOUND, "Probe not found"));
    }

    private static Duration seconds(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            var seconds = Double.parseDouble(header.strip());
            if (!(seconds > 0) || seconds > 86_400) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos((long) (seconds * 1e9));
        } catch (NumberFormatException e) {
            throw new BadScrapeException("Failed to parse timeout from Prometheus header " + TIMEOUT_HEADER);
        }
    }

    @ExceptionHandler(BadScrapeException.class)
    ResponseEntity<String> badScrape(BadScrapeException e) {
        return text(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** The request's fields are the target's (domain, host, port) and the module's. */
    @ExceptionHandler(InvalidProbeException.class)
    ResponseEntity<String> invalid(InvalidProbeException e) {
        return text(
                HttpStatus.BAD_REQUEST,
                e.problems().stream()
                        .map(p -> (p.field().equals("domain") || p.field().equals("host") ? "target" : p.field()) + ": "
                                + p.message())
                        .collect(Collectors.joining("; ")));
    }

    @ExceptionHandler(TooBusyException.class)
    ResponseEntity<String> tooBusy(TooBusyException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)))
                .contentType(TEXT)
                .body(e.getMessage());
    }

    private static ResponseEntity<String> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(TEXT).body(message + "\n");
    }
}
