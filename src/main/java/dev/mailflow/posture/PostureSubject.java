package dev.mailflow.posture;

import dev.mailflow.dns.MxPlan;

/**
 * What a run's posture is about.
 *
 * @param senderDomain the domain of MAIL FROM, null when the run has none (null sender)
 * @param sender the MAIL FROM address, null for the null sender
 * @param ehlo the name the sessions greet with
 */
public record PostureSubject(String domain, MxPlan plan, String sender, String senderDomain, String ehlo) {}
