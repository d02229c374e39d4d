package dev.mailflow.history;

/**
 * The history's query parameters as the page and the API both take them ({@code ?domain=&rcpt=
 * &outcome=&user=&from=&to=&limit=&before=&after=}), bound by Spring from the request: text as typed, blank
 * meaning "any"; the checks are {@link HistoryFilter#parse}'s.
 */
public record HistoryQuery(
        String domain,
        String rcpt,
        String outcome,
        String user,
        String from,
        String to,
        String limit,
        String before,
        String after) {

    /**
     * @throws dev.mailflow.probe.InvalidProbeException naming each field that cannot be read
     */
    public HistoryFilter filter() {
        return HistoryFilter.parse(this);
    }

    /** An address typed into Domain is searched as a recipient (the page says so). */
    public boolean addressAsDomain() {
        return domain != null && domain.contains("@") && (rcpt == null || rcpt.isBlank());
    }

    public HistoryQuery addressAsRecipient() {
        return new HistoryQuery(null, domain, outcome, user, from, to, limit, before, after);
    }
}
