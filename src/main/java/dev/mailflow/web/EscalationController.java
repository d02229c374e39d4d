package dev.mailflow.web;

import dev.mailflow.probe.ProbeRun;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The escalation note of a run ({@link EscalationNote}): as plain text to paste into a ticket, and
 * as the run page's "copy for escalation" box, which htmx loads once the run is over. The run comes
 * from {@link FoundRun}.
 */
@Controller
class EscalationController {

    @GetMapping("/probes/{id}/escalation.txt")
    ResponseEntity<String> text(ProbeRun run) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(EscalationNote.of(run.snapshot()));
    }

    @GetMapping("/probes/{id}/escalation")
    String box(ProbeRun run, Model model) {
        var snapshot = run.snapshot();
        model.addAttribute("id", snapshot.id());
        model.addAttribute("note", snapshot.isDone() ? EscalationNote.of(snapshot) : null);
        return "fragments/escalation :: box";
    }
}
