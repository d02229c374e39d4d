package dev.mailflow.history;

import dev.mailflow.mail.DomainName;
import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.probe.FieldProblem;
import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.RunOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which stored runs to list: every criterion optional; dates are whole UTC days, inclusive.
 *
 * @param user the owner; honoured only for those who see every run
 * @param before the cursor of the page before ({@code next} of the previous answer)
 * @param after the cursor of the page after ({@code previous} of the previous answer): newer runs
 */
public record HistoryFilter(
        String domain,
        String rcpt,
        RunOutcome outcome,
        String user,
        Instant from,
        Instant to,
        int limit,
        Cursor before,
        Cursor after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final int MAX_TEXT = 320;

    /**
     * A filter from request parameters as typed (blank means "any").
     *
     * @throws InvalidProbeException naming each field that cannot be read
     */
    static HistoryFilter parse(HistoryQuery query) {
        var domain = query.domain();
        var rcpt = query.rcpt();
        var user = query.user();
        var limit = query.limit();
        var problems = new ArrayList<FieldProblem>();
        var outcomeValue = outcome(query.outcome(), problems);
        var domainName = domain(domain, problems);
        var size = DEFAULT_LIMIT;
        if (!blank(limit)) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                problems.add(new FieldProblem("limit", "a number from 1 to " + MAX_LIMIT));
            }
        }
        var fromDay = day("from", query.from(), problems);
        var toDay = day("to", query.to(), problems);
        var cursor = cursor("before", query.before(), "the \"next\" value of a previous page", problems);
        var newer = cursor("after", query.after(), "the \"previous\" value of a page", problems);
        bounded("domain", domain, problems);
        bounded("rcpt", rcpt, problems);
        bounded("user", user, problems);
        if (!problems.isEmpty()) {
            throw new InvalidProbeException(problems);
        }
        return new HistoryFilter(
                domainName,
                recipient(rcpt),
                outcomeValue,
                blank(user) ? null : user.strip(),
                fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                toDay == null
                        ? null
                        : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                size,
                cursor,
                newer);
    }

    private static RunOutcome outcome(String text, List<FieldProblem> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            return RunOutcome.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(
                    "outcome",
                    "one of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(RunOutcome.values())
                                            .map(Enum::name)
                                            .toList())));
            return null;
        }
    }

    /** The domain as runs are stored under it: the A-label, whichever way it is typed. */
    private static String domain(String text, List<FieldProblem> problems) {
        if (blank(text) || text.length() > MAX_TEXT) {
            return null;
        }
        try {
            return DomainName.parse(text.strip()).ascii();
        } catch (InvalidInputException e) {
            problems.add(new FieldProblem("domain", e.getMessage()));
            return null;
        }
    }

    /** A recipient as runs are stored under it: the domain as A-labels, the rest in lower case. */
    private static String recipient(String text) {
        var lower = lower(text);
        int at = lower == null ? -1 : lower.lastIndexOf('@');
        if (at < 0) {
            return lower;
        }
        try {
            return lower.substring(0, at + 1)
                    + DomainName.parse(lower.substring(at + 1)).ascii();
        } catch (InvalidInputException e) {
            return lower;
        }
    }

    /** A page cursor, or null when none is given; {@code expected} says what the field takes. */
    private static Cursor cursor(String field, String text, String expected, List<FieldProblem> problems) {
        if (blank(text)) {
            return null;
        }
        var cursor = Cursor.parse(text.strip()).orElse(null);
        if (cursor == null) {
            problems.add(new FieldProblem(field, expected));
        }
        return cursor;
    }

    private static void bounded(String field, String text, List<FieldProblem> problems) {
        if (text != null && text.length() > MAX_TEXT) {
            problems.add(new FieldProblem(field, "at most " + MAX_TEXT + " characters"));
        }
    }

    private static LocalDate day(String field, String text, List<FieldProblem> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "a date as YYYY-MM-DD"));
            return null;
        }
    }

    private static String lower(String text) {
        return blank(text) ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
