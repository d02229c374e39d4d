package dev.mailflow.exporter;

import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.TooBusyException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * {@code GET /probe?target=&module=}: a multi-target SMTP probe with blackbox_exporter's
 * conventions (error texts, the scrape-timeout header, {@code debug=true}), so Prometheus set-ups
 * made for it carry over; and {@code GET /probe/logs?id=}, a recent probe's debug output again.
 * Errors are plain text, as blackbox_exporter answers them.
 *
 * <p>A servlet of its own, as the Prometheus client library's exporter servlet is, rather than a
 * Spring MVC controller: a Prometheus pair scrapes it thousands of times a minute, and the MVC
 * machinery around one GET (handler lookup, argument resolvers, content negotiation, return value
 * handlers) cost about a fifth of the CPU of a whole scrape. Every servlet filter still runs: sign-in
 * and roles (Spring Security's chain requires OPERATOR here), the security headers, the request
 * metrics (tagged {@code uri="/probe"}).
 */
final class ExporterServlet extends HttpServlet {

    static final String PROBE = "/probe";
    static final String LOGS = "/probe/logs";
    static final String TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";

    /** blackbox_exporter's default module is its most common probe; ours is the one that checks TLS. */
    static final String DEFAULT_MODULE = "smtp_starttls";

    private static final String TEXT = "text/plain; charset=utf-8";

    private final transient Modules modules;
    private final transient Scraper scraper;
    private final transient RecentProbes recent;
    private final transient Requester.Current requester;

    ExporterServlet(Modules modules, Scraper scraper, RecentProbes recent, Requester.Current requester) {
        this.modules = modules;
        this.scraper = scraper;
        this.recent = recent;
        this.requester = requester;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var path = request.getServletPath();
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(path));
        try {
            if (LOGS.equals(path)) {
                logs(request, response);
            } else {
                probe(request, response);
            }
        } catch (BadScrapeException e) {
            text(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        } catch (InvalidProbeException e) {
            // The request's fields are the target's (domain, host, port) and the module's.
            text(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    e.problems().stream()
                            .map(p -> (p.field().equals("domain") || p.field().equals("host") ? "target" : p.field())
                                    + ": " + p.message())
                            .collect(Collectors.joining("; ")));
        } catch (TooBusyException e) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER,
                    String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
            text(response, 429, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The probe was interrupted (shutting down)");
        }
    }

    private void probe(HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        var module = request.getParameter("module");
        var name = module == null || module.isEmpty() ? DEFAULT_MODULE : module;
        var probeModule =
                modules.find(name).orElseThrow(() -> new BadScrapeException("Unknown module \"" + name + "\""));
        var target = request.getParameter("target");
        if (target == null || target.isBlank()) {
            throw new BadScrapeException("Target parameter is missing");
        }
        var timeout = Modules.timeout(probeModule, seconds(request.getHeader(TIMEOUT_HEADER)));
        var vantage = request.getParameter("vantage");
        var at = vantage == null || vantage.isBlank() ? null : vantage.strip();
        var entry = scraper.scrape(ScrapeTarget.parse(target), probeModule, timeout, requester.get(), at);
        if ("true".equalsIgnoreCase(request.getParameter("debug"))) {
            write(
                    response,
                    HttpServletResponse.SC_OK,
                    TEXT,
                    DebugReport.of(entry).getBytes(StandardCharsets.UTF_8));
            return;
        }
        var exposition = Exposition.of(entry.metrics(), request.getHeader(HttpHeaders.ACCEPT));
        write(response, HttpServletResponse.SC_OK, exposition.contentType(), exposition.body());
    }

    /** A recent probe's debug output again, by the id its debug output names (its owner or an ADMIN). */
    private void logs(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var id = request.getParameter("id");
        if (id == null || id.isBlank()) {
            throw new BadScrapeException("Id parameter is missing");
        }
        var asking = requester.get();
        var found = recent.find(id)
                .filter(e -> asking.seesEveryRun()
                        || asking.name().equals(e.scrape().run().owner()));
        if (found.isPresent()) {
            write(
                    response,
                    HttpServletResponse.SC_OK,
                    TEXT,
                    DebugReport.of(found.get()).getBytes(StandardCharsets.UTF_8));
        } else {
            text(response, HttpServletResponse.SC_NOT_FOUND, "Probe not found");
        }
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

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpServletResponse response, int status, String contentType, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
