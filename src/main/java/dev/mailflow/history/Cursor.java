package dev.mailflow.history;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a page of the history ends: the last run's start (milliseconds) and id, so the next page
 * continues after it even when runs are added meanwhile or several started in the same millisecond.
 */
public record Cursor(Instant startedAt, String id) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,15})-([0-9a-f]{32})");

    static Optional<Cursor> parse(String text) {
        var match = FORM.matcher(text);
        if (!match.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Cursor(Instant.ofEpochMilli(Long.parseLong(match.group(1))), match.group(2)));
    }

    @Override
    public String toString() {
        return startedAt.toEpochMilli() + "-" + id;
    }
}
