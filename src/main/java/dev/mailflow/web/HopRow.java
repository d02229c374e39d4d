package dev.mailflow.web;

import dev.mailflow.message.Durations;
import dev.mailflow.message.HeaderReport;
import dev.mailflow.message.Hop;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One hop as the headers page shows it: its times in UTC (the viewer's local time is filled in by
 * the page's script from {@code iso}), its delay in words, the width of its bar, and whether it
 * enters another organisation than the hop before.
 */
record HopRow(
        Hop hop, int number, String utc, String iso, String delay, int bar, boolean skew, boolean entersOrganisation) {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    static List<HopRow> of(HeaderReport report) {
        var rows = new ArrayList<HopRow>();
        String organisation = null;
        for (Hop hop : report.hops()) {
            Instant at = hop.at();
            boolean enters = rows.isEmpty() || !Objects.equals(organisation, hop.organisation());
            organisation = hop.organisation();
            rows.add(new HopRow(
                    hop,
                    rows.size() + 1,
                    at == null ? null : UTC.format(at) + " UTC",
                    at == null ? null : at.toString(),
                    hop.delaySeconds() == null ? null : Durations.words(hop.delaySeconds()),
                    report.barPercent(hop),
                    hop.clockSkew(),
                    enters));
        }
        return rows;
    }

    /** The TLS of the hop in words. */
    public String tlsText() {
        var tls = hop.tls();
        if (tls == null) {
            return null;
        }
        if (tls.version() == null && tls.cipher() == null) {
            return "TLS (version not given)";
        }
        return String.join(
                        " ",
                        Objects.requireNonNullElse(tls.version(), "TLS"),
                        Objects.requireNonNullElse(tls.cipher(), ""))
                .strip();
    }
}
