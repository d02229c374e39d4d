package dev.mailflow.web;

import dev.mailflow.history.HistoryFilter;

/**
 * The history's query parameters as the page and the API both take them ({@code ?domain=&rcpt=
 * &outcome=&user=&from=&to=&limit=&before=&after=}), bound by Spring from the request; the checks are
 * {@link HistoryFilter#parse}'s.
 */
record HistoryQuery(
        String domain,
        String rcpt,
        String outcome,
        String user,
        String from,
        String to,
        String limit,
        String before,
        String after) {

    HistoryFilter filter() {
        return HistoryFilter.parse(domain, rcpt, outcome, user, from, to, limit, before, after);
    }

    /** An address typed into Domain is searched as a recipient (the page says so). */
    boolean addressAsDomain() {
        return domain != null && domain.contains("@") && (rcpt == null || rcpt.isBlank());
    }

    HistoryQuery addressAsRecipient() {
        return new HistoryQuery(null, domain, outcome, user, from, to, limit, before, after);
    }
}
