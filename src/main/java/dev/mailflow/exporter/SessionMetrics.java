package dev.mailflow.exporter;

import dev.mailflow.probe.EventDetail;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import org.springframework.stereotype.Component;

/**
 * One series per MX host and address: what blackbox_exporter cannot say about SMTP. Host and
 * address labels are fine here (STYLE rule 10): this registry belongs to one target.
 */
@Component
class SessionMetrics implements ScrapeMetrics {

    @Override
    public void write(Scrape scrape, ScrapeRegistry registry) {
        registry.gauge("probe_smtp_session_success", "Whether the session with this MX address reached the stop-point")
                .gauge(
                        "probe_smtp_phase_duration_seconds",
                        "Time of each SMTP phase: the TCP connect (CONNECT), then from each command to its reply")
                .gauge("probe_smtp_reply_code", "The last reply code in each SMTP phase")
                .gauge("probe_smtp_tls_trusted", "Whether the certificate is trusted and names the MX host")
                .gauge("probe_smtp_starttls_offered", "Whether the server offered STARTTLS after EHLO");
        var connects = new HashMap<String, Duration>();
        for (var event : scrape.run().events()) {
            var connected = event.detail(EventDetail.Connected.class);
            if (connected != null && event.session() != null) {
                connects.put(event.session(), Duration.ofMillis(connected.ms()));
            }
        }
        for (var session : scrape.sessions()) {
            write(session, connects.get(session.key()), registry);
        }
    }

    /** @param connect how long the connect took, as the session measured it; null when it never connected */
    private static void write(SessionFacts session, Duration connect, ScrapeRegistry registry) {
        var mx = session.host();
        var address = session.addressText();
        var result = session.result();
        registry.add(
                "probe_smtp_session_success",
                result != null && result.outcome() == SessionOutcome.COMPLETED ? 1 : 0,
                "mx",
                mx,
                "address",
                address);
        if (result == null) {
            return;
        }
        var durations = new EnumMap<Phase, Duration>(Phase.class);
        if (connect != null) {
            durations.put(Phase.CONNECT, connect);
        }
        var codes = new EnumMap<Phase, Integer>(Phase.class);
        for (Exchange exchange : result.exchanges()) {
            durations.merge(exchange.phase(), exchange.reply().took(), Duration::plus);
            codes.put(exchange.phase(), exchange.reply().code());
        }
        durations.forEach((phase, took) -> registry.add(
                "probe_smtp_phase_duration_seconds",
                took.toNanos() / 1e9,
                "mx",
                mx,
                "address",
                address,
                "phase",
                phase.name()));
        codes.forEach((phase, code) ->
                registry.add("probe_smtp_reply_code", code, "mx", mx, "address", address, "phase", phase.name()));
        var tls = result.tls();
        if (tls != null && tls.failure() == null) {
            var trusted = tls.trusted() && !Boolean.FALSE.equals(tls.hostnameMatches());
            registry.add("probe_smtp_tls_trusted", trusted ? 1 : 0, "mx", mx, "address", address);
        }
        // After STARTTLS the extensions are those of the second EHLO, which no longer lists STARTTLS.
        boolean greeted = codes.containsKey(Phase.EHLO);
        if (greeted) {
            boolean offered = result.extensions().containsKey("STARTTLS") || codes.containsKey(Phase.TLS);
            registry.add("probe_smtp_starttls_offered", offered ? 1 : 0, "mx", mx, "address", address);
        }
    }
}
