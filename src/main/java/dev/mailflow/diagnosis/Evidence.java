package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Phase;

/**
 * The transcript line that shows a finding.
 *
 * @param session the session key ({@code host/address:port}), null for DNS-level findings
 * @param line the line as received or sent, or a short fact (e.g. "MX 0 .")
 */
public record Evidence(String session, Phase phase, String line) {}
