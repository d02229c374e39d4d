package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.probe.Vantages;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
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
    private final EventStream streams;
    private final Vantages vantages;

    ProbeApi(ProbeService probes, Knowledge knowledge, EventStream streams, Vantages vantages) {
        this.probes = probes;
        this.vantages = vantages;
        this.knowledge = knowledge;
        this.streams = streams;
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
            ProbeRun run, @RequestParam(name = "download", required = false) String download) {
        var response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (download != null) {
            response.header(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename(TranscriptText.fileName(run.id(), "json"))
                            .build()
                            .toString());
        }
        return response.body(ProbeResult.of(run.snapshot(), knowledge, vantages.results(run.id())));
    }

    @GetMapping("/api/probes/{id}/events")
    ResponseEntity<SseEmitter> events(
            ProbeRun run,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "after", required = false) String afterParam) {
        return streams.open(
                run,
                lastEventId,
                afterParam,
                event -> SseEmitter.event()
                        .id(String.valueOf(event.seq()))
                        .name(event.kind().name().toLowerCase(Locale.ROOT))
                        .data(event, MediaType.APPLICATION_JSON));
    }

    record Started(String id, RunStatus status) {}
}
