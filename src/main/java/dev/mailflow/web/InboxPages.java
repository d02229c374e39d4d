package dev.mailflow.web;

import dev.mailflow.inbox.Mailbox;
import dev.mailflow.inbox.TestMailbox;
import dev.mailflow.probe.Requester;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * "Test our outbound mail": the page that hands out a one-time address, and the page of one
 * address that waits for its message live (SSE: the report fragment when it is there, then {@code
 * done}) and is its report's permalink afterwards.
 */
@Controller
class InboxPages {

    private static final int RECENT = 20;
    private static final Duration STREAM_LIFE = Duration.ofMinutes(5);
    // A message taken by another replica's listener shows after at most this long.
    private static final Duration POLL = Duration.ofSeconds(2);

    private final TestMailbox mailbox;
    private final ITemplateEngine engine;
    private final Duration heartbeat;

    InboxPages(TestMailbox mailbox, ITemplateEngine engine, WebProperties web) {
        this.mailbox = mailbox;
        this.engine = engine;
        this.heartbeat = web.heartbeat();
    }

    static NotFoundException off() {
        return new NotFoundException("The test mailbox is not switched on here (mailflow.inbox.enabled).", false);
    }

    /** The mailbox {@code id} if {@code requester} may read it; else 404, as if it did not exist. */
    static Mailbox readable(TestMailbox mailbox, String id, Requester requester) {
        return mailbox.find(id, requester.name(), requester.seesEveryRun())
                .orElseThrow(() -> new NotFoundException("No test address " + id + " that you may read."));
    }

    @GetMapping("/inbox")
    String start(Requester requester, Model model) {
        model.addAttribute("enabled", mailbox.enabled());
        var now = mailbox.now();
        model.addAttribute(
                "boxes",
                mailbox.recent(requester.name(), requester.seesEveryRun(), RECENT).stream()
                        .map(b -> InboxResult.of(b, now))
                        .toList());
        return "inbox";
    }

    @PostMapping("/inbox")
    String create(Requester requester) {
        if (!mailbox.enabled()) {
            throw off();
        }
        return "redirect:/inbox/" + mailbox.create(requester.name()).id();
    }

    @GetMapping("/inbox/{id}")
    String show(@PathVariable String id, Requester requester, Model model) {
        var box = readable(mailbox, id, requester);
        var now = mailbox.now();
        model.addAttribute("box", InboxResult.of(box, now));
        model.addAttribute("live", !box.settled(now));
        return "mailbox";
    }

    /** The report fragment once the message is analysed (or the address expired), then {@code done}. */
    @GetMapping("/inbox/{id}/stream")
    ResponseEntity<SseEmitter> stream(@PathVariable String id, Requester requester) {
        var box = readable(mailbox, id, requester);
        if (box.settled(mailbox.now())) {
            // 204 tells EventSource to stop reconnecting: the page already has the final report.
            return ResponseEntity.noContent().build();
        }
        var emitter = new SseEmitter(STREAM_LIFE.toMillis());
        Thread.ofVirtual().name("inbox-stream-" + id).start(() -> pump(id, requester, emitter));
        return ResponseEntity.ok(emitter);
    }

    private void pump(String id, Requester requester, SseEmitter emitter) {
        long until = System.nanoTime() + STREAM_LIFE.toNanos();
        String shown = null;
        try {
            while (System.nanoTime() < until) {
                var box = readable(mailbox, id, requester);
                var now = mailbox.now();
                var result = InboxResult.of(box, now);
                String state = result.status() + "/" + result.analysed();
                if (!state.equals(shown)) {
                    emitter.send(SseEmitter.event().name("report").data(render(result)));
                    shown = state;
                }
                if (box.settled(now)) {
                    emitter.send(
                            SseEmitter.event().name("done").data(result.status().name()));
                    break;
                }
                mailbox.awaitChange(POLL.compareTo(heartbeat) < 0 ? POLL : heartbeat);
                emitter.send(SseEmitter.event().comment("heartbeat"));
            }
            emitter.complete();
        } catch (IOException | RuntimeException gone) {
            // The browser went away, the address was purged, or the store failed: the page keeps
            // what it showed, and a reload shows the rest.
            emitter.complete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }

    private String render(InboxResult box) {
        var context = new Context(Locale.ROOT, Map.of("box", box));
        return engine.process("fragments/inbox", Set.of("report"), context);
    }
}
