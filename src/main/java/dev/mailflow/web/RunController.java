package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The run page (live while running, a permalink afterwards), its HTML event stream for htmx and
 * the transcript as a text file.
 *
 * <p>Stream event names: {@code plan} (the MX plan), {@code session} (a session starts), {@code line}
 * (a line sent, received, or mailflow's note), {@code outcome} (a session ended), {@code verdict},
 * {@code finding}, and {@code done} (always last). Each event's SSE id is the event's seq.
 */
@Controller
class RunController {

    private final ProbeService probes;
    private final Knowledge knowledge;
    private final RunFragments fragments;
    private final Duration heartbeat;

    RunController(
            ProbeService probes,
            Knowledge knowledge,
            RunFragments fragments,
            @Value("${mailflow.web.heartbeat:15s}") Duration heartbeat) {
        this.probes = probes;
        this.knowledge = knowledge;
        this.fragments = fragments;
        this.heartbeat = heartbeat;
    }

    @GetMapping("/probes/{id}")
    String run(
            @PathVariable String id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Requester requester,
            Model model) {
        model.addAttribute("view", RunView.of(find(id, requester).snapshot(), knowledge));
        return "true".equals(htmx) ? "fragments/run :: run" : "run";
    }

    @GetMapping("/probes/{id}/stream")
    ResponseEntity<SseEmitter> stream(
            @PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "after", required = false) String afterParam,
            Requester requester) {
        var run = probes.find(id, requester).orElse(null);
        if (run == null) {
            return ResponseEntity.notFound().build();
        }
        var after = EventStream.after(lastEventId, afterParam);
        if (run.isDone() && run.eventsAfter(after).isEmpty()) {
            // 204 tells the browser's EventSource to stop reconnecting: nothing more will come.
            return ResponseEntity.noContent().build();
        }
        var reader = new TranscriptReader(knowledge);
        var emitter = EventStream.open(run, after, heartbeat, event -> {
            var line = reader.read(event);
            return SseEmitter.event()
                    .id(String.valueOf(event.seq()))
                    .name(line.event())
                    .data(fragments.render(run, event, line));
        });
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    @GetMapping("/probes/{id}/transcript.txt")
    ResponseEntity<String> transcript(@PathVariable String id, Requester requester) {
        var run = find(id, requester);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(TranscriptText.fileName(run.id(), "txt"))
                                .build()
                                .toString())
                .body(TranscriptText.of(run.snapshot()));
    }

    /** Another user's run is "not found" too: its existence is not revealed. */
    private ProbeRun find(String id, Requester requester) {
        return probes.find(id, requester)
                .orElseThrow(() -> new NotFoundException("There is no probe run with that id."));
    }
}
