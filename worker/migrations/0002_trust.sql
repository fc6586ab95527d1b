-- Per-user write rate limit (GCRA): one row per user holding the "theoretical arrival time"
-- in epoch milliseconds. A row whose tat is in the past is equivalent to no row, so idle
-- rows are swept as requests come.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  tat INTEGER NOT NULL
);
CREATE INDEX rate_limits_by_tat ON rate_limits(tat);
