package dev.mailflow.web;

import dev.mailflow.probe.EventDetail;
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

    String render(ProbeRun live, ProbeEvent event, TranscriptLine line) {
        var context = new Context(Locale.ROOT);
        var fragment = line.event();
        if (fragment.equals("line")) {
            context.setVariable("line", line);
            return engine.process("fragments/run", Set.of("line"), context);
        }
        var run = live.snapshot();
        switch (fragment) {
            case "plan" -> {
                context.setVariable("planText", line.text());
                context.setVariable("dns", run.plan().map(ProbeResult.Dns::of).orElse(null));
            }
            case "verdict" -> {
                context.setVariable("verdict", line.text());
                context.setVariable(
                        "verdictWord",
                        run.diagnosis()
                                .map(d -> d.outcome().name().toLowerCase(Locale.ROOT))
                                .orElse("unknown"));
            }
            case "finding" -> context.setVariable("f", RunView.finding(run, event));
            case "posture" -> {
                // The row of the check this event announces, swapped in by its id.
                var posture = event.detail(EventDetail.Posture.class);
                var entries = run.posture();
                context.setVariable(
                        "row",
                        posture == null || posture.index() >= entries.size()
                                ? null
                                : PostureView.Row.of(posture.check(), entries));
                context.setVariable("oob", true);
                fragment = "postureRow";
            }
            case "done" -> {
                var done = event.detail(EventDetail.Done.class);
                context.setVariable(
                        "statusWord",
                        done == null ? "unknown" : done.status().name().toLowerCase(Locale.ROOT));
                context.setVariable("id", run.id());
            }
            case "session", "outcome" -> {
                // The transcript line, and the matrix with this session's new state swapped in by id.
                context.setVariable("line", line);
                context.setVariable("matrix", SessionMatrix.of(run.sessions(), run.plan()));
                context.setVariable("runId", run.id());
                context.setVariable("oob", true);
                return engine.process("fragments/run", Set.of("line", "matrix"), context);
            }
            default -> throw new IllegalStateException("no fragment for " + fragment);
        }
        return engine.process("fragments/run", Set.of(fragment), context);
    }
}
