package dev.mailflow.exporter;

import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.text.UntrustedText;

/**
 * {@code /probe?debug=true} as plain text, in blackbox_exporter's order: the probe's log (the run's
 * events), the metrics that would have been returned, the module's configuration; then where to
 * read the run again. Text received from servers was made printable by the engine and is served as
 * {@code text/plain}, never as a page.
 */
final class DebugReport {

    /** A reply line is at most 512 octets (RFC 5321 §4.5.3.1.5); notes are shorter. */
    private static final int MAX_LINE = 1000;

    private DebugReport() {}

    static String of(RecentProbes.Entry entry) {
        var scrape = entry.scrape();
        var run = scrape.run();
        var out = new StringBuilder(4096);
        out.append("Logs for the probe:\n");
        for (ProbeEvent event : run.events()) {
            out.append(String.format("%7d ms  %-8s", event.at(), event.kind()));
            if (event.session() != null) {
                out.append(' ').append(event.session());
            }
            out.append("  ").append(UntrustedText.shown(event.text(), MAX_LINE)).append('\n');
        }
        if (scrape.overtime()) {
            out.append("The scrape's timeout ended the probe here; the metrics show what was measured.\n");
        }
        out.append("\n\nMetrics that would have been returned:\n").append(Exposition.text(entry.metrics()));
        out.append("\n\nModule configuration:\n").append(scrape.module().describe());
        out.append("\n\nThis probe: /probe/logs?id=").append(run.id()).append('\n');
        if (scrape.coalesced()) {
            out.append("Shared: an earlier scrape of this target and module started this probe less than ")
                    .append("mailflow.exporter.coalesce ago.\n");
        } else if (entry.kept()) {
            out.append("Stored run (its outcome or findings changed): /probes/")
                    .append(run.id())
                    .append('\n');
        } else {
            out.append("Not stored: same outcome and findings as the previous scrape of this target and module.\n");
        }
        return out.toString();
    }
}
