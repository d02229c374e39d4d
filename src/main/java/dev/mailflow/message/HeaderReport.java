package dev.mailflow.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a message's header block says about its way and its reception: hops oldest first,
 * authentication as reported (and DMARC recomputed, authserv-id {@code mailflow}), DKIM verified
 * now, verdict headers decoded, findings. The JSON of {@code POST /api/headers}.
 *
 * @param totalSeconds from the first hop's time to the last one's, null with fewer than two times
 * @param bodyChecked whether DKIM body hashes were checked (false for a header block or a .msg)
 * @param from the From header as written, for the page
 * @param subject the Subject header, for the page
 * @param notes what limited the analysis (a cut header block, an unreadable part), in words
 * @param positiveSeconds the sum of the positive delays: the scale of the page's bars
 */
@JsonPropertyOrder({"hops", "totalSeconds", "authentication", "dkim", "verdicts", "findings"})
public record HeaderReport(
        List<Hop> hops,
        Double totalSeconds,
        List<AuthResult> authentication,
        List<DkimResult> dkim,
        List<Verdict> verdicts,
        List<HeaderFinding> findings,
        @JsonIgnore boolean bodyChecked,
        @JsonIgnore String from,
        @JsonIgnore String subject,
        @JsonIgnore List<String> notes,
        @JsonIgnore double positiveSeconds) {

    public HeaderReport {
        hops = List.copyOf(hops);
        authentication = List.copyOf(authentication);
        dkim = List.copyOf(dkim);
        verdicts = List.copyOf(verdicts);
        findings = List.copyOf(findings);
        // Not in the JSON: a report read back from storage (the test mailbox's) has none.
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A hop's bar as a percentage of all positive delays (0 for none, a negative or an undated hop). */
    public int barPercent(Hop hop) {
        if (hop.delaySeconds() == null || hop.delaySeconds() <= 0 || positiveSeconds <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.round(100 * hop.delaySeconds() / positiveSeconds));
    }
}
