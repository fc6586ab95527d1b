-- Each quota subject's use, kept by triggers on `sessions` so that reading a quota never
-- aggregates sessions: GET /v1/quotas reads one row per subject, the atomic check one row.
-- `subject` follows shared/quotas/rules.ts `subjectOf` (territory, partner, month or the
-- programme); tests/worker/quota-usage.test.ts checks every session kind against it.
CREATE TABLE quota_usage (
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  PRIMARY KEY (kind, subject)
) WITHOUT ROWID;

CREATE TRIGGER sessions_count_insert AFTER INSERT ON sessions WHEN NEW.deleted_at IS NULL
BEGIN
  INSERT INTO quota_usage (kind, subject, sessions, minutes)
  VALUES (NEW.kind,
    CASE
      WHEN NEW.kind IN ('territory-interview', 'diagnostic', 'collective-support') THEN NEW.territory_id
      WHEN NEW.kind = 'partner-support' THEN NEW.partner_id
      WHEN NEW.kind = 'ademe-monthly' THEN NEW.month
      ELSE 'programme'
    END, 1, NEW.duration_minutes)
  ON CONFLICT (kind, subject) DO UPDATE SET sessions = sessions + 1, minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER sessions_count_delete AFTER UPDATE OF deleted_at ON sessions
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
BEGIN
  UPDATE quota_usage SET sessions = sessions - 1, minutes = minutes - OLD.duration_minutes
  WHERE kind = OLD.kind AND subject = CASE
      WHEN OLD.kind IN ('territory-interview', 'diagnostic', 'collective-support') THEN OLD.territory_id
      WHEN OLD.kind = 'partner-support' THEN OLD.partner_id
      WHEN OLD.kind = 'ademe-monthly' THEN OLD.month
      ELSE 'programme'
    END;
END;

CREATE TRIGGER sessions_count_restore AFTER UPDATE OF deleted_at ON sessions
WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL
BEGIN
  INSERT INTO quota_usage (kind, subject, sessions, minutes)
  VALUES (NEW.kind,
    CASE
      WHEN NEW.kind IN ('territory-interview', 'diagnostic', 'collective-support') THEN NEW.territory_id
      WHEN NEW.kind = 'partner-support' THEN NEW.partner_id
      WHEN NEW.kind = 'ademe-monthly' THEN NEW.month
      ELSE 'programme'
    END, 1, NEW.duration_minutes)
  ON CONFLICT (kind, subject) DO UPDATE SET sessions = sessions + 1, minutes = minutes + excluded.minutes;
END;

-- Sessions logged before this migration.
INSERT INTO quota_usage (kind, subject, sessions, minutes)
SELECT kind,
  CASE
    WHEN kind IN ('territory-interview', 'diagnostic', 'collective-support') THEN territory_id
    WHEN kind = 'partner-support' THEN partner_id
    WHEN kind = 'ademe-monthly' THEN month
    ELSE 'programme'
  END AS subject, COUNT(*), SUM(duration_minutes)
FROM sessions WHERE deleted_at IS NULL GROUP BY 1, 2;
