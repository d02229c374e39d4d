package dev.mailflow.web;

import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRun;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opens the event streams of runs, HTML and JSON alike. Each subscriber is a virtual thread that
 * waits on the run itself for events after the last one sent, sends them, sends a heartbeat comment
 * when nothing came, and ends after DONE or when the browser goes away. There is no listener
 * registry, so nothing is left behind.
 */
@Component
class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /**
     * A stream that lives longer is completed; the browser's EventSource reconnects on its own with
     * {@code Last-Event-ID} and gets only what it missed.
     */
    static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(5);

    private final Duration heartbeat;

    EventStream(WebProperties web) {
        this.heartbeat = web.heartbeat();
    }

    /**
     * The stream of {@code run} from where the subscriber left off, each event encoded by {@code
     * encode}; 204 when the run is over and nothing is left, which tells EventSource to stop
     * reconnecting.
     */
    ResponseEntity<SseEmitter> open(
            ProbeRun run,
            String lastEventId,
            String afterParam,
            Function<ProbeEvent, SseEmitter.SseEventBuilder> encode) {
        var after = after(lastEventId, afterParam);
        if (run.isDone() && run.eventsAfter(after).isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        var emitter = subscribe(run, after, heartbeat, encode);
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    /**
     * Where a (re)connecting subscriber starts: the {@code Last-Event-ID} header wins over the
     * {@code after} query parameter, as the browser sets the header on its own reconnects.
     */
    static long after(String lastEventId, String afterParam) {
        var header = seq(lastEventId);
        return header >= 0 ? header : Math.max(0, seq(afterParam));
    }

    private static long seq(String value) {
        if (value == null || value.isBlank() || value.length() > 18) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static SseEmitter subscribe(
            ProbeRun run, long after, Duration heartbeat, Function<ProbeEvent, SseEmitter.SseEventBuilder> encode) {
        var emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        var subscriber = Thread.ofVirtual()
                .name("sse-" + run.id())
                .unstarted(() -> pump(run, after, heartbeat, encode, emitter));
        // The browser went away or the stream timed out: wake the subscriber so it stops now.
        emitter.onCompletion(subscriber::interrupt);
        emitter.onTimeout(subscriber::interrupt);
        emitter.onError(e -> subscriber.interrupt());
        subscriber.start();
        return emitter;
    }

    private static void pump(
            ProbeRun run,
            long after,
            Duration heartbeat,
            Function<ProbeEvent, SseEmitter.SseEventBuilder> encode,
            SseEmitter emitter) {
        long last = after;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                var batch = run.awaitEventsAfter(last, heartbeat);
                if (batch.isEmpty()) {
                    if (run.isDone()) {
                        emitter.complete();
                        return;
                    }
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    continue;
                }
                for (var event : batch) {
                    emitter.send(encode.apply(event));
                    last = event.seq();
                    if (event.kind() == ProbeEvent.Kind.DONE) {
                        emitter.complete();
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the emitter already completed; nobody is listening.
        } catch (RuntimeException e) {
            // Rendering failed: end this stream instead of leaving the browser waiting for the timeout.
            log.warn("Event stream of run {} failed after seq {}", run.id(), last, e);
            emitter.complete();
        }
    }
}
