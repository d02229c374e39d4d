package dev.mailflow.diagnosis;

import java.util.List;

/**
 * One thing the diagnosis found: what, why (likely causes, most likely first), what to do, who must
 * act, and the line that shows it.
 *
 * @param id a stable identifier (e.g. {@code rcpt.unknown-user}), used in tests and links
 * @param reason why mail is refused or held, from the fixed vocabulary; null for findings that
 *     report no refusal (an accepted recipient, a certificate about to expire)
 */
public record Finding(
        Severity severity,
        String id,
        String title,
        List<String> causes,
        List<String> fixes,
        Owner owner,
        Evidence evidence,
        List<String> refs,
        Reason reason) {

    public Finding {
        causes = List.copyOf(causes);
        fixes = List.copyOf(fixes);
        refs = List.copyOf(refs);
    }
}
