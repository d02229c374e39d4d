package dev.mailflow.diagnosis;

import dev.mailflow.smtp.SessionResult;

/**
 * One session of a run as the diagnosis sees it.
 *
 * @param key {@code host/address:port}, as in the transcript events
 * @param preference the MX preference of the host (0 for an explicit host)
 */
public record SessionFacts(String key, String host, String address, int port, int preference, SessionResult result) {}
