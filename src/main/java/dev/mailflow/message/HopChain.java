package dev.mailflow.message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hops of a message, oldest first (the last {@code Received} header is the first hop: RFC 5321
 * §4.4 has each server prepend its own). Each hop's delay is measured from the previous hop that has
 * a time, and the total from the first time to the last, as Microsoft's Message Header Analyzer
 * does; a negative delay stays negative, so clock skew shows instead of hiding in a sum.
 *
 * @param hops oldest first
 * @param totalSeconds last time minus first time, null with fewer than two times
 * @param skipped Received headers past {@link #MAX_HOPS} that were not read (the oldest ones)
 */
record HopChain(List<Hop> hops, Double totalSeconds, int skipped) {

    /**
     * RFC 5321 §6.3 suggests treating 100 hops as a loop, so no delivered message has more; the ones
     * nearest the recipient (the top of the header) are kept.
     */
    static final int MAX_HOPS = 100;

    static HopChain of(List<HeaderField> headers) {
        var received = headers.stream().filter(h -> h.is("Received")).toList();
        int skipped = Math.max(0, received.size() - MAX_HOPS);
        var read = new ArrayList<Hop>();
        for (var field : received.subList(0, received.size() - skipped)) {
            read.add(ReceivedReader.read(field.value()));
        }
        Collections.reverse(read);
        var hops = new ArrayList<Hop>();
        Instant previous = null;
        Instant first = null;
        Instant last = null;
        for (Hop hop : read) {
            Double delay = null;
            if (hop.at() != null) {
                if (previous != null) {
                    delay = seconds(Duration.between(previous, hop.at()));
                }
                previous = hop.at();
                first = first == null ? hop.at() : first;
                last = hop.at();
            }
            hops.add(hop.withDelay(delay));
        }
        Double total = first == null || first.equals(last) ? null : seconds(Duration.between(first, last));
        return new HopChain(List.copyOf(hops), total, skipped);
    }

    /** The sum of the positive delays: the scale of the delay bars. */
    double positiveSeconds() {
        return hops.stream()
                .map(Hop::delaySeconds)
                .filter(d -> d != null && d > 0)
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    /** Seconds with millisecond precision, as the headers rarely say more. */
    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
