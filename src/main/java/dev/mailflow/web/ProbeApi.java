package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.RunStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The JSON API: start a probe, read its result, follow its events. Errors are RFC 9457 problems
 * ({@link ApiErrors}).
 *
 * <p>Event stream names are the event kinds in lower case ({@code plan}, {@code sent}, {@code
 * received}, ...); the last one is {@code done}. Each event's SSE id is its seq.
 */
@RestController
class ProbeApi {

    private final ProbeService probes;
    private final Knowledge knowledge;
    private final Duration heartbeat;

    ProbeApi(ProbeService probes, Knowledge knowledge, @Value("${mailflow.web.heartbeat:15s}") Duration heartbeat) {
        this.probes = probes;
        this.knowledge = knowledge;
        this.heartbeat = heartbeat;
    }

    @PostMapping("/api/probes")
    ResponseEntity<Started> start(@RequestBody ProbeRequest request, Requester requester) {
        var run = probes.start(request, requester);
        return ResponseEntity.accepted()
                .location(URI.create("/api/probes/" + run.id()))
                .body(new Started(run.id(), run.status()));
    }

    @GetMapping("/api/probes/{id}")
    ResponseEntity<ProbeResult> result(
            @PathVariable String id,
            @RequestParam(name = "download", required = false) String download,
            Requester requester) {
        var run = find(id, requester);
        var response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (download != null) {
            response.header(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename(TranscriptText.fileName(run, "json"))
                            .build()
                            .toString());
        }
        return response.body(ProbeResult.of(run, knowledge));
    }

    @GetMapping("/api/probes/{id}/events")
    ResponseEntity<SseEmitter> events(
            @PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "after", required = false) String afterParam,
            Requester requester) {
        var run = find(id, requester);
        var after = EventStream.after(lastEventId, afterParam);
        if (run.isDone() && run.eventsAfter(after).isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        var emitter = EventStream.open(
                run,
                after,
                heartbeat,
                event -> SseEmitter.event()
                        .id(String.valueOf(event.seq()))
                        .name(event.kind().name().toLowerCase(Locale.ROOT))
                        .data(event, MediaType.APPLICATION_JSON));
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    /** Another user's run is "not found" too: its existence is not revealed. */
    private ProbeRun find(String id, Requester requester) {
        return probes.find(id, requester)
                .orElseThrow(() -> new NotFoundException("There is no probe run with that id."));
    }

    record Started(String id, RunStatus status) {}
}
