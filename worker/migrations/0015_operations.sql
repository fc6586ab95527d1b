-- Running it at ADEME (issue 19): what the doctor learns, what restores did, what the nightly
-- backup wrote. None of these is part of the programme's record.

-- Google's page count of the doctor's probe document against the local estimate of the same
-- document (GET /v1/admin/doctor): the fitter aims under the page limit divided by this ratio,
-- so a summary fits Google's layout on the first upload. One row, replaced by each probe.
CREATE TABLE layout_calibration (
  id TEXT PRIMARY KEY CHECK (id = 'google-docs'),
  ratio REAL NOT NULL CHECK (ratio > 0),
  google_pages INTEGER NOT NULL CHECK (google_pages >= 1),
  estimated_pages INTEGER NOT NULL CHECK (estimated_pages >= 1),
  measured_at TEXT NOT NULL,
  measured_by TEXT NOT NULL
);

-- Each restore of an archive (POST /v1/admin/restore), kept apart from the record it restores
-- (the audit restored is the archived one, byte for byte). At most one runs at a time.
CREATE TABLE restores (
  id TEXT PRIMARY KEY,
  object TEXT NOT NULL,
  archive_sha256 TEXT,
  schema_version TEXT,
  counts TEXT,
  requested_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  ok INTEGER,
  error TEXT,
  running INTEGER CHECK (running = 1)
);
CREATE UNIQUE INDEX restores_one_running ON restores(running) WHERE finished_at IS NULL;

-- The nightly run's archive in R2 (binding BACKUPS): the object's key, as the run log names it.
ALTER TABLE check_runs ADD COLUMN backup_key TEXT;
