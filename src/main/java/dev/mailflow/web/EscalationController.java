package dev.mailflow.web;

import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The escalation note of a run ({@link EscalationNote}): as plain text to paste into a ticket, and
 * as the run page's "copy for escalation" box, which htmx loads once the run is over.
 */
@Controller
class EscalationController {

    private final ProbeService probes;

    EscalationController(ProbeService probes) {
        this.probes = probes;
    }

    @GetMapping("/probes/{id}/escalation.txt")
    ResponseEntity<String> text(@PathVariable String id, Requester requester) {
        return probes.find(id, requester)
                .map(run -> ResponseEntity.ok()
                        .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                        .body(EscalationNote.of(run.snapshot())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/probes/{id}/escalation")
    String box(@PathVariable String id, Requester requester, Model model) {
        ProbeRun run = probes.find(id, requester).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("id", run.id());
        var snapshot = run.snapshot();
        model.addAttribute("note", snapshot.isDone() ? EscalationNote.of(snapshot) : null);
        return "fragments/escalation :: box";
    }
}
