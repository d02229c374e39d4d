package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.history.RunHistory;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.Vantages;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The run page (live while running, a permalink afterwards), its HTML event stream for htmx and
 * the transcript as a text file. The run comes from {@link FoundRun}.
 *
 * <p>Stream event names: {@code plan} (the MX plan), {@code session} (a session starts), {@code line}
 * (a line sent, received, or mailflow's note), {@code outcome} (a session ended), {@code verdict},
 * {@code finding}, and {@code done} (always last). Each event's SSE id is the event's seq.
 */
@Controller
class RunController {

    private final Knowledge knowledge;
    private final RunFragments fragments;
    private final EventStream streams;
    private final RunHistory history;
    private final Vantages vantages;

    /** "Earlier runs" of the same domain and recipients on the run page: enough to see a pattern, not a second history page. */
    private static final int EARLIER_SHOWN = 5;

    /** The runs the timeline tells the story of: the last twenty of the same domain and recipients. */
    private static final int STORY_LENGTH = 20;

    RunController(
            Knowledge knowledge, RunFragments fragments, EventStream streams, RunHistory history, Vantages vantages) {
        this.vantages = vantages;
        this.knowledge = knowledge;
        this.fragments = fragments;
        this.streams = streams;
        this.history = history;
    }

    @GetMapping("/probes/{id}")
    String run(
            ProbeRun run,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Requester requester,
            Model model) {
        var snapshot = run.snapshot();
        model.addAttribute("view", RunView.of(snapshot, knowledge));
        model.addAttribute("posture", PostureView.of(snapshot));
        if ("true".equals(htmx)) {
            return "fragments/run :: run";
        }
        var lookBack = history.lookBack(run, requester, STORY_LENGTH);
        model.addAttribute(
                "earlier",
                lookBack.earlier().stream()
                        .limit(EARLIER_SHOWN)
                        .map(HistoryRow::of)
                        .toList());
        model.addAttribute("timeline", Timeline.of(lookBack.earlier(), run));
        model.addAttribute("recipients", RunView.recipients(run.probe()));
        model.addAttribute("diff", lookBack.diff());
        return "run";
    }

    @GetMapping("/probes/{id}/stream")
    ResponseEntity<SseEmitter> stream(
            ProbeRun run,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "after", required = false) String afterParam) {
        var reader = new TranscriptReader(knowledge);
        return streams.open(run, lastEventId, afterParam, event -> {
            var line = reader.read(event);
            return SseEmitter.event()
                    .id(String.valueOf(event.seq()))
                    .name(line.event())
                    .data(fragments.render(run, event, line));
        });
    }

    /**
     * The JSON result for the page's link: the same document as {@code GET /api/probes/{id}}, but on
     * the pages' side, so a signed-in browser's session reads it (the API takes Basic or a token
     * only, and would ask the browser for a password).
     */
    @GetMapping("/probes/{id}/result.json")
    ResponseEntity<ProbeResult> json(ProbeRun run) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(TranscriptText.fileName(run.id(), "json"))
                                .build()
                                .toString())
                .body(ProbeResult.of(run.snapshot(), knowledge, vantages.results(run.id())));
    }

    @GetMapping("/probes/{id}/transcript.txt")
    ResponseEntity<String> transcript(ProbeRun run) {
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
}
