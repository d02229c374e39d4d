-- The sliding windows of the rate limits (runs per user, token and destination, DATA runs, failed
-- sign-ins), shared by every replica on PostgreSQL: one row per window, its times (epoch
-- milliseconds, oldest first, at most the limit's number), locked with SELECT ... FOR UPDATE while
-- an admission reads and changes it. The embedded database keeps its windows in memory instead.
CREATE TABLE rate_windows (
    name       VARCHAR(200)             NOT NULL PRIMARY KEY,
    times      BIGINT ARRAY             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX rate_windows_expires ON rate_windows (expires_at);
