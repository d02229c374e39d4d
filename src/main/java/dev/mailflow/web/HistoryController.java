package dev.mailflow.web;

import dev.mailflow.history.HistoryFilter;
import dev.mailflow.history.RunHistory;
import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.Requester;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The history page: the runs the user may see, newest first, filtered by domain, recipient,
 * outcome, date and (for those who see every run) user, a page at a time.
 */
@Controller
class HistoryController {

    private final RunHistory history;

    HistoryController(RunHistory history) {
        this.history = history;
    }

    @GetMapping("/probes")
    String history(
            @RequestParam(required = false) String domain,
            @RequestParam(required = false) String rcpt,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String before,
            Requester requester,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("domain", domain);
        model.addAttribute("rcpt", rcpt);
        model.addAttribute("outcome", outcome);
        model.addAttribute("user", user);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("outcomes", HistoryFilter.OUTCOMES.stream().sorted().toList());
        model.addAttribute("admin", requester.seesEveryRun());
        try {
            var filter = HistoryFilter.parse(domain, rcpt, outcome, user, from, to, null, before);
            var page = history.list(filter, requester);
            model.addAttribute("runs", page.runs().stream().map(HistoryRow::of).toList());
            model.addAttribute("next", page.next());
            model.addAttribute("problems", List.of());
        } catch (InvalidProbeException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("runs", List.of());
            model.addAttribute("problems", e.problems());
        }
        return "history";
    }
}
