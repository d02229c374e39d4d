package dev.mailflow.exporter;

import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.time.Duration;
import java.util.List;

/**
 * A named probe configuration, as {@code /probe?module=} uses it.
 *
 * @param port null for {@code mailflow.smtp.port}
 * @param mailFrom null for {@code mailflow.smtp.mail-from}
 * @param rcptTo recipients with {@code {domain}} for the target's domain; empty: none sent
 * @param ehlo null for {@code mailflow.smtp.helo-name}
 * @param timeout null when only the scrape timeout (or 120 s) bounds the probe
 * @param posture whether the run also checks the posture (blocklists, SPF, DMARC, MTA-STS...)
 */
record ProbeModule(
        String name,
        Integer port,
        TlsMode tls,
        Phase quitAfter,
        String mailFrom,
        List<String> rcptTo,
        String ehlo,
        boolean allMx,
        Duration timeout,
        boolean posture) {

    static final String DOMAIN = "{domain}";

    ProbeModule {
        rcptTo = List.copyOf(rcptTo);
    }

    static ProbeModule of(String name, ExporterProperties.ModuleSettings settings) {
        return new ProbeModule(
                name,
                settings.port(),
                settings.tls() == null ? TlsMode.OPPORTUNISTIC : settings.tls(),
                settings.quitAfter() == null ? Phase.RCPT : settings.quitAfter(),
                settings.mailFrom(),
                settings.rcptTo() == null ? List.of() : settings.rcptTo(),
                settings.ehlo(),
                settings.allMx() == null || settings.allMx(),
                settings.timeout(),
                settings.posture() == null || settings.posture());
    }

    /**
     * The probe request for {@code target}. A domain target is looked up for MX; a host target is
     * probed alone, its name (or address literal) standing in for {@code {domain}}.
     */
    ProbeRequest request(ScrapeTarget target) {
        var recipients =
                rcptTo.stream().map(r -> r.replace(DOMAIN, target.mailDomain())).toList();
        return new ProbeRequest(
                target.isHost() ? null : target.name(),
                mailFrom,
                recipients,
                target.isHost() ? target.name() : null,
                target.port() == null ? port : target.port(),
                ehlo,
                tls,
                List.of(),
                quitAfter,
                allMx,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This module as blackbox_exporter's debug output shows its module: one setting a line. */
    String describe() {
        return "name: " + name + "\nport: " + (port == null ? "(mailflow.smtp.port)" : port)
                + "\ntls: " + tls + "\nquit-after: " + quitAfter
                + "\nmail-from: " + (mailFrom == null ? "(mailflow.smtp.mail-from)" : mailFrom)
                + "\nrcpt-to: " + rcptTo + "\nehlo: " + (ehlo == null ? "(mailflow.smtp.helo-name)" : ehlo)
                + "\nall-mx: " + allMx + "\ntimeout: " + (timeout == null ? "(none)" : timeout)
                + "\nposture: " + posture + "\n";
    }
}
