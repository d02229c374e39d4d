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
 * fragments the server-rendered page uses. Each event is rendered from itself and the run's state
 * as it is now (one immutable value), never from a copy of every event so far. Every text goes
 * through Thymeleaf's escaping ({@code th:text}); SMTP banners and replies are written by strangers.
 */
@Component
record RunFragments(ITemplateEngine engine, Knowledge knowledge) {

    String render(ProbeRun live, ProbeEvent event, TranscriptLine line) {
        var context = new Context(Locale.ROOT);
        var state = live.state();
        context.setVariable("runId", live.id());
        context.setVariable("oob", true);
        return switch (event.kind()) {
            case RECEIVED -> {
                // A reply line changes no cell before its session's result: the line alone.
                context.setVariable("line", line);
                yield process(context, "line");
            }
            case SESSION, OUTCOME, SENT, INFO, TLS, ERROR -> {
                // A session starting or ending, or the next command: the phase before it is over, so
                // the matrix comes along with its new cells (swapped in by id).
                context.setVariable("line", line);
                context.setVariable("matrix", SessionMatrix.of(state, live.request()));
                yield process(context, "line", "matrix");
            }
            case PLAN -> {
                context.setVariable("dns", state.plan().map(ProbeResult.Dns::of).orElse(null));
                context.setVariable("explicitHost", RunView.explicitHost(state));
                yield process(context, "plan");
            }
            case VERDICT -> {
                context.setVariable("answer", answer(live, event));
                yield process(context, "verdict");
            }
            case FINDING -> {
                var finding = RunView.finding(state, event);
                var evidence = live.firstEvent(e -> FindingView.shows(finding, e))
                        .map(ProbeEvent::seq)
                        .orElse(null);
                context.setVariable("f", FindingView.of(finding, evidence));
                // A note about mailflow's own set-up goes to its administrator's section (out of band).
                yield process(context, knowledge.aboutMailflowSetup(finding.id()) ? "adminNote" : "finding");
            }
            case POSTURE -> {
                // The row of the check this event announces, swapped in by its id.
                var posture = event.detail(EventDetail.Posture.class);
                var entries = state.posture().entries();
                context.setVariable(
                        "row",
                        posture == null || posture.index() >= entries.size()
                                ? null
                                : PostureView.Row.of(posture.check(), entries));
                yield process(context, "postureRow");
            }
            case DONE -> done(live, event, context);
        };
    }

    /**
     * The status, the actions a finished run offers, the certificates, the posture panel, and the
     * answer when mailflow failed before a verdict (each swapped in by id).
     */
    private String done(ProbeRun live, ProbeEvent event, Context context) {
        var state = live.state();
        var done = event.detail(EventDetail.Done.class);
        context.setVariable(
                "statusWord", done == null ? "unknown" : done.status().name().toLowerCase(Locale.ROOT));
        context.setVariable("id", live.id());
        context.setVariable("running", false);
        context.setVariable("certificates", CertificateView.of(state.sessions()));
        context.setVariable("posture", PostureView.of(state, live.probe()));
        // The matrix again: a run that ended without a session says so instead of "not started yet".
        context.setVariable("matrix", SessionMatrix.of(state, live.request()));
        var answered = live.firstEvent(e -> e.kind() == ProbeEvent.Kind.VERDICT).isPresent();
        if (answered) {
            return process(context, "done", "actions", "certificates", "posturePanel", "matrix");
        }
        context.setVariable("answer", answer(live, event));
        return process(context, "done", "actions", "certificates", "posturePanel", "matrix", "answerOob");
    }

    private VerdictView answer(ProbeRun live, ProbeEvent event) {
        return VerdictView.of(live.id(), live.state(), live.probe(), live.request(), event, knowledge);
    }

    private String process(Context context, String... fragments) {
        return engine.process("fragments/run", Set.of(fragments), context);
    }
}
