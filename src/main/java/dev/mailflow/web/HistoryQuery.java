package dev.mailflow.web;

import dev.mailflow.history.HistoryFilter;

/**
 * The history's query parameters as the page and the API both take them ({@code ?domain=&rcpt=
 * &outcome=&user=&from=&to=&limit=&before=}), bound by Spring from the request; the checks are
 * {@link HistoryFilter#parse}'s.
 */
record HistoryQuery(
        String domain, String rcpt, String outcome, String user, String from, String to, String limit, String before) {

    HistoryFilter filter() {
        return HistoryFilter.parse(domain, rcpt, outcome, user, from, to, limit, before);
    }
}
