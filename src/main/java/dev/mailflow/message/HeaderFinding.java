package dev.mailflow.message;

import dev.mailflow.diagnosis.Owner;
import dev.mailflow.diagnosis.Severity;

/**
 * What the headers show, in mailflow's words, and who acts on it.
 *
 * @param id a stable name for the kind of finding ({@code held}, {@code dmarc-fail}, {@code junk})
 */
public record HeaderFinding(String id, Severity severity, String text, Owner owner) {}
