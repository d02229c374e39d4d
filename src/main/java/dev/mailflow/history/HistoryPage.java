package dev.mailflow.history;

import java.util.List;

/**
 * A page of the history, newest first.
 *
 * @param next the cursor of the page of older runs ({@code before}); null on the last page
 * @param previous the cursor of the page of newer runs ({@code after}); null on the first page
 */
public record HistoryPage(List<RunSummary> runs, String next, String previous) {

    public HistoryPage(List<RunSummary> runs, String next) {
        this(runs, next, null);
    }
}
