package dev.mailflow.web;

import dev.mailflow.history.RunSummary;
import dev.mailflow.text.UntrustedText;
import java.time.Instant;
import java.util.Locale;

/** One run as the history page and the run page's "earlier runs" show it. */
record HistoryRow(
        String id,
        String domain,
        String recipients,
        String statusWord,
        String outcomeWord,
        String started,
        Instant startedAt,
        String verdict,
        String owner) {

    static HistoryRow of(RunSummary run) {
        return new HistoryRow(
                run.id(),
                UntrustedText.visible(run.domain()),
                UntrustedText.visible(String.join(", ", run.rcptTo())),
                run.status().name().toLowerCase(Locale.ROOT),
                run.outcome() == null ? "" : run.outcome().name().toLowerCase(Locale.ROOT),
                RunView.STARTED.format(run.startedAt()),
                run.startedAt(),
                run.verdict() == null ? "" : UntrustedText.visible(run.verdict()),
                run.owner() == null ? "" : run.owner());
    }
}
