package dev.mailflow.web;

import dev.mailflow.history.HistoryPage;
import dev.mailflow.history.HistoryQuery;
import dev.mailflow.history.RunDiff;
import dev.mailflow.history.RunHistory;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The history as JSON: {@code GET /api/probes} lists the runs the caller may read, newest first,
 * a page at a time ({@code next} is the {@code before} of the following page); {@code GET
 * /api/probes/{id}/diff} says what changed since the previous run of the same domain.
 */
@RestController
class HistoryApi {

    private final RunHistory history;
    private final ProbeService probes;

    HistoryApi(RunHistory history, ProbeService probes) {
        this.history = history;
        this.probes = probes;
    }

    @GetMapping("/api/probes")
    HistoryPage list(@ModelAttribute HistoryQuery query, Requester requester) {
        return history.list(query.filter(), requester);
    }

    @GetMapping("/api/probes/{id}/diff")
    RunDiff diff(@PathVariable String id, Requester requester) {
        var run = probes.find(id, requester)
                .orElseThrow(() -> new NotFoundException("There is no probe run with that id."));
        return history.diff(run, requester);
    }
}
