package dev.mailflow.web;

import dev.mailflow.history.HistoryQuery;
import dev.mailflow.history.RunHistory;
import dev.mailflow.inbox.TestMailbox;
import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.RunOutcome;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The history page: the runs the user may see, newest first, filtered by domain, recipient,
 * outcome, date and (for those who see every run) user, a page at a time; below them the newest
 * test mailbox addresses and their reports.
 */
@Controller
class HistoryController {

    /** Test addresses listed under the runs (all of them: on /inbox). */
    private static final int MAILBOXES = 10;

    private final RunHistory history;
    private final TestMailbox mailbox;

    HistoryController(RunHistory history, TestMailbox mailbox) {
        this.history = history;
        this.mailbox = mailbox;
    }

    @GetMapping("/probes")
    String history(
            @ModelAttribute("query") HistoryQuery query,
            Requester requester,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("addressAsDomain", query.addressAsDomain() ? query.domain() : null);
        if (query.addressAsDomain()) {
            query = query.addressAsRecipient();
        }
        model.addAttribute("domain", query.domain());
        model.addAttribute("rcpt", query.rcpt());
        model.addAttribute("outcome", query.outcome());
        model.addAttribute("user", query.user());
        model.addAttribute("from", query.from());
        model.addAttribute("to", query.to());
        model.addAttribute("outcomes", RunOutcome.values());
        model.addAttribute("admin", requester.seesEveryRun());
        var now = mailbox.now();
        model.addAttribute(
                "boxes",
                mailbox.recent(requester.name(), requester.seesEveryRun(), MAILBOXES).stream()
                        .map(b -> InboxResult.of(b, now))
                        .toList());
        try {
            var page = history.list(query.filter(), requester);
            model.addAttribute("runs", page.runs().stream().map(HistoryRow::of).toList());
            model.addAttribute("next", page.next());
            model.addAttribute("previous", page.previous());
            model.addAttribute("problems", List.of());
        } catch (InvalidProbeException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("runs", List.of());
            model.addAttribute("next", null);
            model.addAttribute("previous", null);
            model.addAttribute("problems", e.problems());
        }
        return "history";
    }
}
