package dev.mailflow.diagnosis;

/** How much a finding matters, most severe first. */
public enum Severity {
    /** Mail would not be delivered (bounce, no reachable server). */
    CRITICAL,
    /** Mail would be delayed or is at risk (deferral, TLS problems, one server down). */
    WARNING,
    /** Worth knowing; no effect on delivery (defensive behaviour, implicit MX). */
    INFO,
    /** Everything worked as it should. */
    OK
}
