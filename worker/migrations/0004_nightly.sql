-- The nightly check's record. An alert is identified by its key (rule + subject, plus the
-- quota for quota rules); at most one open alert per key, resolved ones stay as history,
-- and a condition that comes back opens a new row.

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  subject_label TEXT NOT NULL,
  quota_key TEXT,
  message TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  -- The run that last saw the condition: whatever a successful run did not see is resolved.
  last_run_id TEXT NOT NULL,
  resolved_at TEXT
);
CREATE UNIQUE INDEX alerts_open_by_key ON alerts(key) WHERE resolved_at IS NULL;
CREATE INDEX alerts_by_resolution ON alerts(resolved_at);

-- One row per run, written when it starts and completed when it ends (ok = 1 or 0 with the
-- error); a row left without finished_at is a run that died midway.
CREATE TABLE check_runs (
  id TEXT PRIMARY KEY,
  trigger TEXT NOT NULL CHECK (trigger IN ('cron', 'manual')),
  requested_by TEXT,
  as_of TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  ok INTEGER,
  checked TEXT,
  outcome TEXT,
  statements INTEGER,
  -- Rows the "Alertes" tab holds after a successful write: the next write blanks the rest.
  sheet_rows INTEGER,
  error TEXT
);
CREATE INDEX check_runs_by_start ON check_runs(started_at);
