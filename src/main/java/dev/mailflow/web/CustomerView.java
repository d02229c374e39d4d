package dev.mailflow.web;

import dev.mailflow.diagnosis.Actor;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.probe.RunState;
import dev.mailflow.probe.ValidatedProbe;
import java.util.List;
import java.util.Optional;

/**
 * What the helpdesk tells the customer and who does what next, once the run is over: the words to
 * paste, what the user can do, and what the mail admin must do (the fixes of the finding that
 * decides, with who that admin is).
 *
 * @param adminActs who must act, in words; null when nobody must
 */
record CustomerView(String message, String user, List<String> adminFixes, String adminActs) {

    /**
     * Empty until the diagnosis (or the end of a run without one), and for a run stored before these
     * words were written.
     */
    static Optional<CustomerView> of(RunState run, ValidatedProbe probe, Knowledge knowledge) {
        var diagnosis = run.diagnosis();
        if (diagnosis.isPresent() && diagnosis.get().customerMessage() == null) {
            return Optional.empty();
        }
        if (diagnosis.isEmpty()) {
            if (!run.isDone()) {
                return Optional.empty();
            }
            var domain = probe.target();
            var to = probe.rcptTo().isEmpty()
                    ? "addresses at " + domain
                    : String.join(
                            ", ", probe.rcptTo().stream().map(String::valueOf).toList());
            var words = knowledge.unfinishedWords(to, domain);
            return Optional.of(new CustomerView(words.message(), words.user(), List.of(), null));
        }
        var d = diagnosis.get();
        var first = d.findings().stream()
                .filter(f -> f.severity() != Severity.OK && f.severity() != Severity.INFO)
                .findFirst();
        var acts = first.map(Actor::of).filter(a -> a != Actor.NOBODY);
        return Optional.of(new CustomerView(
                d.customerMessage(),
                d.userAdvice(),
                acts.isPresent() ? first.map(Finding::fixes).orElse(List.of()) : List.of(),
                acts.map(Actor::words).orElse(null)));
    }
}
