package dev.mailflow.web;

import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.TooBusyException;
import dev.mailflow.smtp.Phase;
import dev.mailflow.text.UntrustedText;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Test this recipient now" on the bounce explainer: a probe of the bounced recipient from the
 * original sender, started like the probe form starts one (stop after RCPT, every MX host), and its
 * live outcome beside the bounce once it finishes ("still refused: 550 5.1.1 today", "accepted now:
 * the problem is gone"). Without htmx the button posts to {@code /probes} and opens the run page.
 */
@Controller
class RetestController {

    private final ProbeService probes;

    RetestController(ProbeService probes) {
        this.probes = probes;
    }

    @PostMapping("/codes/retest")
    String start(
            @RequestParam("rcptTo") String rcptTo,
            @RequestParam(name = "mailFrom", required = false) String mailFrom,
            @RequestParam(name = "was", required = false) String was,
            Requester requester,
            Model model) {
        // The probe form's defaults (STARTTLS when offered, stop after RCPT, every MX host).
        var form = ProbeForm.to(rcptTo, mailFrom);
        model.addAttribute("was", was == null ? "" : was);
        model.addAttribute("address", rcptTo);
        try {
            var run = probes.start(form.toRequest(), requester);
            return state(run, model);
        } catch (InvalidProbeException e) {
            model.addAttribute(
                    "problem",
                    e.problems().isEmpty()
                            ? "The test could not start."
                            : e.problems().getFirst().message());
        } catch (TooBusyException e) {
            // Too busy, or a limit: mailflow's own message, never the request's text.
            model.addAttribute("problem", e.getMessage());
        }
        return "fragments/retest :: retest";
    }

    /** The test's state; htmx asks again every two seconds until the run is over. */
    @GetMapping("/codes/retest/{id}")
    String poll(
            ProbeRun run,
            @RequestParam(name = "was", required = false) String was,
            @RequestParam(name = "address", required = false) String address,
            Model model) {
        model.addAttribute("was", was == null ? "" : was);
        model.addAttribute("address", address == null ? "" : address);
        return state(run, model);
    }

    private static String state(ProbeRun run, Model model) {
        model.addAttribute("id", run.id());
        var snapshot = run.snapshot();
        if (!snapshot.isDone()) {
            model.addAttribute("running", true);
            return "fragments/retest :: retest";
        }
        var outcome = snapshot.outcome().orElse(RunOutcome.UNKNOWN);
        var live = rcptReply(run);
        model.addAttribute("outcome", outcome);
        model.addAttribute("live", live);
        model.addAttribute(
                "sentence",
                switch (outcome) {
                    case DELIVERABLE -> "accepted now: the problem is gone" + (live.isEmpty() ? "" : " (" + live + ")");
                    case BOUNCE -> "still refused: " + (live.isEmpty() ? "the server refuses it" : live) + " today";
                    case DEFERRED ->
                        "still deferred: " + (live.isEmpty() ? "the server asks to try later" : live) + " today";
                    default ->
                        "could not tell: "
                                + snapshot.diagnosis().map(d -> d.verdict()).orElse("the test did not finish");
                });
        return "fragments/retest :: retest";
    }

    /** The live reply to RCPT TO, as one line; else the last reply of the run's first session. */
    private static String rcptReply(ProbeRun run) {
        String last = "";
        for (var session : run.sessions()) {
            if (session.result() == null) {
                continue;
            }
            for (var exchange : session.result().exchanges()) {
                var reply = exchange.reply();
                if (reply == null) {
                    continue;
                }
                var line = (reply.code() + " "
                                + reply.enhancedStatus().map(s -> s + " ").orElse("") + reply.text())
                        .strip();
                if (exchange.phase() == Phase.RCPT) {
                    return UntrustedText.shown(line, 300);
                }
                last = line;
            }
        }
        return UntrustedText.shown(last, 300);
    }
}
