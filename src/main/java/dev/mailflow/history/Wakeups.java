package dev.mailflow.history;

/**
 * Tells the readers of a run, wherever they are, that an event was stored. On PostgreSQL a
 * notification carrying only the run id and the seq (readers re-read the table, so the payload
 * stays far below PostgreSQL's 8000-byte limit); on the embedded database, which one instance
 * owns, the copies in this process are woken directly.
 */
interface Wakeups {

    void appended(String runId, long seq);

    /** In-process: the only instance on an embedded database reads its copies itself. */
    static Wakeups local(RunCopies copies) {
        return (runId, seq) -> copies.refresh(runId);
    }
}
