package dev.mailflow.history;

import java.util.List;

/** A page of the history, newest first; {@code next} is null on the last page. */
public record HistoryPage(List<RunSummary> runs, String next) {}
