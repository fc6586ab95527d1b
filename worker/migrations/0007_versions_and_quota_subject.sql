-- Concurrent edits never lose a write: every record carries a version, bumped by each write
-- and sent as its ETag. Writes are conditional on the version they were computed from
-- (worker/db/versioned.ts), so a write computed from a stale read changes nothing and is retried.
ALTER TABLE members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE programme ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE territories ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE partners ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE blockers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE indicators ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE workshops ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE actions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- Sessions are corrected by their author now (PATCH /v1/sessions/:id): who did it, and when.
ALTER TABLE sessions ADD COLUMN updated_at TEXT;
ALTER TABLE sessions ADD COLUMN updated_by TEXT;

-- One quota subject per session, computed once by shared/quotas/rules.ts `subjectOf` when the
-- session is written and read by the triggers below, the quota engine and the nightly check.
-- Sessions stored before this migration get it from the rule of the time (the last copy of it).
ALTER TABLE sessions ADD COLUMN quota_subject TEXT;
UPDATE sessions SET quota_subject = CASE
    WHEN kind IN ('territory-interview', 'diagnostic', 'collective-support') THEN territory_id
    WHEN kind = 'partner-support' THEN partner_id
    WHEN kind = 'ademe-monthly' THEN month
    ELSE 'programme'
  END;

-- The counters follow the column. A live session without a subject cannot be counted:
-- quota_usage.subject is NOT NULL, so such an insert fails instead of going uncounted.
-- (No trigger restores a deleted session: nothing undeletes one.)
DROP TRIGGER sessions_count_insert;
DROP TRIGGER sessions_count_delete;
DROP TRIGGER sessions_count_restore;

CREATE TRIGGER sessions_count_insert AFTER INSERT ON sessions WHEN NEW.deleted_at IS NULL
BEGIN
  INSERT INTO quota_usage (kind, subject, sessions, minutes)
  VALUES (NEW.kind, NEW.quota_subject, 1, NEW.duration_minutes)
  ON CONFLICT (kind, subject) DO UPDATE SET sessions = sessions + 1, minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER sessions_count_delete AFTER UPDATE OF deleted_at ON sessions
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
BEGIN
  UPDATE quota_usage SET sessions = sessions - 1, minutes = minutes - OLD.duration_minutes
  WHERE kind = OLD.kind AND subject = OLD.quota_subject;
END;

-- A live session corrected by its author (PATCH /v1/sessions/:id): another duration, or
-- another month for the monthly ADEME meeting, moves its use from the old subject to the new.
CREATE TRIGGER sessions_count_change AFTER UPDATE OF duration_minutes, quota_subject ON sessions
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NULL
  AND (OLD.duration_minutes IS NOT NEW.duration_minutes OR OLD.quota_subject IS NOT NEW.quota_subject)
BEGIN
  UPDATE quota_usage SET sessions = sessions - 1, minutes = minutes - OLD.duration_minutes
  WHERE kind = OLD.kind AND subject = OLD.quota_subject;
  INSERT INTO quota_usage (kind, subject, sessions, minutes)
  VALUES (NEW.kind, NEW.quota_subject, 1, NEW.duration_minutes)
  ON CONFLICT (kind, subject) DO UPDATE SET sessions = sessions + 1, minutes = minutes + excluded.minutes;
END;
