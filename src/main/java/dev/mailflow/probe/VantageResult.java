package dev.mailflow.probe;

/**
 * One vantage's answer in a run asked from several (the JSON result's {@code vantages}).
 *
 * @param egress the address its sessions connected from (null when it never connected)
 * @param outcome null while its part runs
 * @param verdict its run's verdict, or why it has none (no worker claimed it, its worker died)
 */
public record VantageResult(String name, String egress, RunOutcome outcome, String verdict) {}
