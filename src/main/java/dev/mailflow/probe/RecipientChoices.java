package dev.mailflow.probe;

import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.mail.MailAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The checks of a request's recipients and domain, for {@link ProbeValidation}: at most {@code
 * mailflow.probe.max-recipients} of them (the one home of that limit), all in one domain, and that
 * domain the one the request names, because a run asks that one domain's MX hosts.
 */
final class RecipientChoices {

    /** Beyond this many invalid recipients, the rest are counted, not listed one by one. */
    static final int MAX_LISTED_PROBLEMS = 5;

    private RecipientChoices() {}

    /** The recipients that parse, at most {@code max}; the problems of the others, the first few listed. */
    static List<MailAddress> recipients(List<String> given, int max, List<FieldProblem> problems) {
        if (given.size() > max) {
            problems.add(new FieldProblem(
                    "rcptTo",
                    "at most " + max + " recipients per probe (mailflow.probe.max-recipients); this request has "
                            + (given.size() > max + 1 ? "more" : given.size())));
        }
        var parsed = new ArrayList<MailAddress>();
        int invalid = 0;
        for (int i = 0; i < Math.min(given.size(), max); i++) {
            try {
                parsed.add(MailAddress.parse(
                        given.get(i) == null ? "" : given.get(i).strip()));
            } catch (InvalidInputException e) {
                if (++invalid <= MAX_LISTED_PROBLEMS) {
                    problems.add(new FieldProblem("rcptTo[" + i + "]", e.getMessage()));
                }
            }
        }
        if (invalid > MAX_LISTED_PROBLEMS) {
            problems.add(new FieldProblem(
                    "rcptTo", (invalid - MAX_LISTED_PROBLEMS) + " more recipients are not valid addresses"));
        }
        return parsed;
    }

    /**
     * The run's domain: the one asked for, else the recipients' one. Recipients in several domains,
     * or in another domain than the one asked for, are refused: the run would ask one domain's MX
     * hosts about another domain's mailboxes, and its verdict would be about the wrong domain.
     *
     * @param domain the asked-for domain, already validated (lower-case A-labels, as every domain is), or null
     */
    static String domain(String domain, List<MailAddress> recipients, List<FieldProblem> problems) {
        var theirs = new LinkedHashSet<String>();
        recipients.forEach(r -> theirs.add(r.domain()));
        if (theirs.size() > 1) {
            problems.add(new FieldProblem(
                    "rcptTo",
                    "all recipients must be in one domain, as one run asks one domain's MX hosts; these are in "
                            + String.join(", ", theirs)));
            return domain;
        }
        if (domain != null && !theirs.isEmpty() && !theirs.contains(domain)) {
            problems.add(new FieldProblem(
                    "domain",
                    "the recipients are in " + theirs.iterator().next() + ", not in " + domain
                            + "; leave the domain out or name the recipients' domain"));
            return domain;
        }
        return domain != null
                ? domain
                : recipients.isEmpty() ? null : recipients.getFirst().domain();
    }
}
