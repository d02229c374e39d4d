package dev.mailflow.message;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time in a {@code Received} header (RFC 5322 §3.3 date-time), read leniently because real MTAs
 * write more than the grammar allows: fractions of a second ({@code 02:54:16.987}), Go's layout
 * ({@code 2018-04-22 02:54:17.028704749 +0000 UTC}, SendGrid), no zone at all, obsolete zone names
 * ({@code EST}, {@code GMT}, military letters, RFC 5322 §4.3), two-digit years, no time (midnight).
 * Bounded: only the first {@value #MAX_TEXT} characters are looked at, by patterns without nested
 * repetition.
 */
final class HeaderDate {

    static final int MAX_TEXT = 200;

    /** The time, and whether the zone had to be assumed (UTC) because the header named none. */
    record Parsed(Instant at, boolean zoneAssumed, int start) {}

    private static final String MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";

    // [day-name ","] day month year [hour ":" minute [":" second ["." fraction]]] [zone]
    private static final Pattern RFC5322 =
            Pattern.compile("(?i)(?:\\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s*)?\\b(\\d{1,2})[\\s-]+(" + MONTHS
                    + ")[a-z]*[\\s-]+(\\d{2,4})(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "(?:\\s*([+-]\\d{4}|[+-]\\d{2}:\\d{2}|[A-Za-z]{1,5})\\b)?");

    // ISO 8601 and Go's time.String(): 2018-04-22 02:54:17.028704749 +0000 UTC, 2018-04-22T02:54:17Z
    private static final Pattern ISO = Pattern.compile(
            "\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "(?:\\s*(Z|[+-]\\d{4}|[+-]\\d{2}:\\d{2})\\b)?(?:\\s*([A-Z]{1,5})\\b)?");

    // asctime, as some old MTAs write it: Sun Apr 22 02:54:17 2018
    private static final Pattern ASCTIME = Pattern.compile("(?i)\\b(?:mon|tue|wed|thu|fri|sat|sun)\\s+(" + MONTHS
            + ")\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s+(\\d{4})\\b");

    // RFC 5322 §4.3 obsolete zones; military letters other than Z are read as +0000 (RFC 5322 says
    // their meaning was wrongly specified in RFC 822, so "-0000", unknown, is what they convey).
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("UT", 0),
            Map.entry("UTC", 0),
            Map.entry("GMT", 0),
            Map.entry("Z", 0),
            Map.entry("EST", -5),
            Map.entry("EDT", -4),
            Map.entry("CST", -6),
            Map.entry("CDT", -5),
            Map.entry("MST", -7),
            Map.entry("MDT", -6),
            Map.entry("PST", -8),
            Map.entry("PDT", -7),
            Map.entry("CET", 1),
            Map.entry("CEST", 2),
            Map.entry("BST", 1),
            Map.entry("JST", 9));

    private HeaderDate() {}

    /** The first date-time found in {@code text}, or empty when there is none that makes sense. */
    static Optional<Parsed> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String bounded = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        try {
            Matcher iso = ISO.matcher(bounded);
            if (iso.find()) {
                return Optional.of(iso(iso));
            }
            Matcher rfc = RFC5322.matcher(bounded);
            if (rfc.find()) {
                return Optional.of(rfc5322(rfc));
            }
            Matcher asc = ASCTIME.matcher(bounded);
            if (asc.find()) {
                var local = LocalDateTime.of(
                        Integer.parseInt(asc.group(6)),
                        month(asc.group(1)),
                        Integer.parseInt(asc.group(2)),
                        Integer.parseInt(asc.group(3)),
                        Integer.parseInt(asc.group(4)),
                        Integer.parseInt(asc.group(5)));
                return Optional.of(new Parsed(local.toInstant(ZoneOffset.UTC), true, asc.start()));
            }
        } catch (DateTimeException | NumberFormatException e) {
            // 31 Feb, hour 25: a garbage date is no date.
        }
        return Optional.empty();
    }

    private static Parsed rfc5322(Matcher m) {
        int year = Integer.parseInt(m.group(3));
        // RFC 5322 §4.3: two-digit years 00-49 are 2000-2049, 50-99 are 1950-1999.
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        } else if (m.group(3).length() == 3) {
            year += 1900;
        }
        var date = LocalDate.of(year, month(m.group(2)), Integer.parseInt(m.group(1)));
        var time = time(m.group(4), m.group(5), m.group(6), m.group(7));
        Optional<ZoneOffset> zone = zone(m.group(8));
        return new Parsed(
                LocalDateTime.of(date, time).toInstant(zone.orElse(ZoneOffset.UTC)), zone.isEmpty(), m.start());
    }

    private static Parsed iso(Matcher m) {
        var date =
                LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        var time = time(m.group(4), m.group(5), m.group(6), m.group(7));
        Optional<ZoneOffset> zone = zone(m.group(8)).or(() -> zone(m.group(9)));
        return new Parsed(
                LocalDateTime.of(date, time).toInstant(zone.orElse(ZoneOffset.UTC)), zone.isEmpty(), m.start());
    }

    private static LocalTime time(String hour, String minute, String second, String fraction) {
        if (hour == null) {
            return LocalTime.MIDNIGHT;
        }
        int nanos = 0;
        if (fraction != null) {
            nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
        }
        return LocalTime.of(
                Integer.parseInt(hour), Integer.parseInt(minute), second == null ? 0 : Integer.parseInt(second), nanos);
    }

    private static Optional<ZoneOffset> zone(String zone) {
        if (zone == null) {
            return Optional.empty();
        }
        if (zone.startsWith("+") || zone.startsWith("-")) {
            String digits = zone.replace(":", "");
            int hours = Integer.parseInt(digits.substring(1, 3));
            int minutes = Integer.parseInt(digits.substring(3, 5));
            if (hours > 18 || minutes > 59) {
                return Optional.empty();
            }
            int sign = zone.startsWith("-") ? -1 : 1;
            return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
        }
        String name = zone.toUpperCase(Locale.ROOT);
        if (ZONES.containsKey(name)) {
            return Optional.of(ZoneOffset.ofHours(ZONES.get(name)));
        }
        if (name.length() == 1 && name.charAt(0) >= 'A' && name.charAt(0) <= 'Z' && name.charAt(0) != 'J') {
            return Optional.of(ZoneOffset.UTC);
        }
        return Optional.empty();
    }

    private static int month(String name) {
        return MONTHS.indexOf(name.substring(0, 3).toLowerCase(Locale.ROOT)) / 4 + 1;
    }
}
