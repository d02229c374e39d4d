-- One outcome for every finished run (probe.RunOutcome): an interrupted run is FAILED, as its
-- result says, so the history list shows it and ?outcome=FAILED finds it; a completed run that
-- ended before its diagnosis is UNKNOWN. Only RUNNING rows keep no outcome.
update runs set outcome = 'FAILED' where status in ('INTERRUPTED', 'FAILED');
update runs set outcome = 'UNKNOWN' where status = 'COMPLETED' and outcome is null;
