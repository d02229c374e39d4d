package dev.mailflow.posture;

import dev.mailflow.text.UntrustedText;
import java.util.List;

/**
 * The result of one posture check.
 *
 * @param subject what was checked (a domain, an MX host, an address)
 * @param summary one line for the row of the run page
 * @param records the raw records or policy lines the check read, bounded and made printable
 * @param evidence short facts that led to the status ("mx1.example.com matches *.example.com")
 * @param notes the findings this check raised
 * @param facts the typed values behind the status, for views and metrics
 */
public record PostureCheck(
        Kind kind,
        String subject,
        PostureStatus status,
        String summary,
        List<String> records,
        List<String> evidence,
        List<PostureNote> notes,
        PostureFacts facts) {

    /** The checks, in the order the run page lists them. */
    public enum Kind {
        MTA_STS,
        TLS_RPT,
        DANE,
        DNSSEC,
        BLOCKLISTS,
        SPF,
        DMARC,
        EGRESS,
        PORT_25
    }

    // Records come from strangers' DNS zones and web servers: shown printable, short and few.
    private static final int MAX_LINES = 40;
    private static final int MAX_LINE = 500;

    public PostureCheck {
        records = records.stream()
                .limit(MAX_LINES)
                .map(r -> UntrustedText.shown(r, MAX_LINE))
                .toList();
        evidence = evidence.stream()
                .limit(MAX_LINES)
                .map(e -> UntrustedText.shown(e, MAX_LINE))
                .toList();
        notes = List.copyOf(notes);
    }
}
