package dev.mailflow.web;

import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRun;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders one event of a run as the HTML fragment the live page swaps in, from the same template
 * fragments the server-rendered page uses. Every text goes through Thymeleaf's escaping
 * ({@code th:text}); SMTP banners and replies are written by strangers.
 */
@Component
class RunFragments {

    private final ITemplateEngine engine;

    RunFragments(ITemplateEngine engine) {
        this.engine = engine;
    }

    String render(ProbeRun run, ProbeEvent event, TranscriptLine line) {
        var context = new Context(Locale.ROOT);
        context.setVariable("runId", run.id());
        context.setVariable("oob", true);
        var fragment = line.event();
        switch (fragment) {
            case "plan" -> {
                context.setVariable("dns", run.plan().map(ProbeResult.Dns::of).orElse(null));
                context.setVariable("explicitHost", RunView.explicitHost(run));
            }
            case "verdict" -> context.setVariable("answer", VerdictView.of(run, run.events()));
            case "finding" -> context.setVariable("f", RunView.finding(run, event, run.events()));
            case "done" -> {
                // The status, the actions a finished run offers, and the answer when mailflow failed
                // before a verdict (each swapped in by id).
                context.setVariable("statusWord", line.text().toLowerCase(Locale.ROOT));
                context.setVariable("id", run.id());
                context.setVariable("running", false);
                context.setVariable("certificates", CertificateView.of(run.sessions()));
                var answered = run.events().stream().anyMatch(e -> e.kind() == ProbeEvent.Kind.VERDICT);
                context.setVariable("answer", answered ? null : VerdictView.of(run, run.events()));
                var parts = answered
                        ? Set.of("done", "actions", "certificates")
                        : Set.of("done", "actions", "certificates", "answerOob");
                return engine.process("fragments/run", parts, context);
            }
            default -> {
                context.setVariable("line", line);
                if (event.kind() == ProbeEvent.Kind.RECEIVED) {
                    fragment = "line";
                } else {
                    // A session starting or ending, or the next command: the phase before it is over,
                    // so the matrix comes along with its new cells (swapped in by id).
                    context.setVariable("matrix", SessionMatrix.of(run));
                    return engine.process("fragments/run", Set.of("line", "matrix"), context);
                }
            }
        }
        return engine.process("fragments/run", Set.of(fragment), context);
    }
}
