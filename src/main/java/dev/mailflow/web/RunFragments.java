package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
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
    private final Knowledge knowledge;

    RunFragments(ITemplateEngine engine, Knowledge knowledge) {
        this.engine = engine;
        this.knowledge = knowledge;
    }

    String render(ProbeRun live, ProbeEvent event, TranscriptLine line) {
        var context = new Context(Locale.ROOT);
        var fragment = line.event();
        if (event.kind() == ProbeEvent.Kind.RECEIVED) {
            context.setVariable("line", line);
            return engine.process("fragments/run", Set.of("line"), context);
        }
        var run = live.snapshot();
        context.setVariable("runId", run.id());
        context.setVariable("oob", true);
        switch (fragment) {
            case "plan" -> {
                context.setVariable("dns", run.plan().map(ProbeResult.Dns::of).orElse(null));
                context.setVariable("explicitHost", RunView.explicitHost(run));
            }
            case "verdict" -> context.setVariable("answer", VerdictView.of(run, knowledge));
            case "finding" -> {
                var finding = RunView.finding(run, event);
                context.setVariable("f", finding);
                if (knowledge.aboutMailflowSetup(finding.finding().id())) {
                    fragment = "adminNote";
                }
            }
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
                // The status, the actions a finished run offers, the certificates, the posture panel,
                // and the answer when mailflow failed before a verdict (each swapped in by id).
                var done = event.detail(EventDetail.Done.class);
                context.setVariable(
                        "statusWord",
                        done == null ? "unknown" : done.status().name().toLowerCase(Locale.ROOT));
                context.setVariable("id", run.id());
                context.setVariable("running", false);
                context.setVariable("certificates", CertificateView.of(run.sessions()));
                context.setVariable("posture", PostureView.of(run));
                context.setVariable("matrix", SessionMatrix.of(run));
                var answered = run.events().stream().anyMatch(e -> e.kind() == ProbeEvent.Kind.VERDICT);
                context.setVariable("answer", answered ? null : VerdictView.of(run, knowledge));
                var parts = answered
                        ? Set.of("done", "actions", "certificates", "posturePanel", "matrix")
                        : Set.of("done", "actions", "certificates", "posturePanel", "matrix", "answerOob");
                return engine.process("fragments/run", parts, context);
            }
            case "session", "line", "outcome" -> {
                // A session starting or ending, or the next command: the phase before it is over, so
                // the matrix comes along with its new cells (swapped in by id).
                context.setVariable("line", line);
                context.setVariable("matrix", SessionMatrix.of(run));
                return engine.process("fragments/run", Set.of("line", "matrix"), context);
            }
            default -> throw new IllegalStateException("no fragment for " + fragment);
        }
        return engine.process("fragments/run", Set.of(fragment), context);
    }
}
