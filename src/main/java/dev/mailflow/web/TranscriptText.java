package dev.mailflow.web;

import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.text.UntrustedText;
import java.util.Locale;

/**
 * A run as a telnet-log-like text file: a header with the target and time, then one line per
 * event with its offset, {@code C:} for what mailflow sent, {@code S:} for what the server sent.
 */
final class TranscriptText {

    private TranscriptText() {}

    static String of(RunSnapshot run) {
        var sb = new StringBuilder();
        sb.append("# mailflow transcript\n");
        sb.append("# run:     ").append(run.id()).append('\n');
        sb.append("# target:  ")
                .append(UntrustedText.visible(RunView.target(run.probe())))
                .append('\n');
        sb.append("# started: ").append(run.startedAt()).append('\n');
        run.finishedAt().ifPresent(at -> sb.append("# finished: ").append(at).append('\n'));
        sb.append("# status:  ").append(run.status()).append('\n');
        for (var event : run.events()) {
            if (event.kind() == ProbeEvent.Kind.SESSION) {
                sb.append('\n');
            }
            sb.append(String.format("[%7d ms] ", event.at()));
            sb.append(
                    switch (event.kind()) {
                        case SENT -> "C: ";
                        case RECEIVED -> "S: ";
                        case SESSION -> "=== ";
                        default -> "* " + event.kind().name().toLowerCase(Locale.ROOT) + ": ";
                    });
            // Control characters are shown, never written: a bare CR would rewrite the line in a terminal.
            sb.append(UntrustedText.visible(event.text())).append('\n');
        }
        return sb.toString();
    }

    /** A file name from the id's safe characters only. */
    static String fileName(String runId, String extension) {
        return "mailflow-" + runId.replaceAll("[^A-Za-z0-9_-]", "") + "." + extension;
    }
}
