-- Each person's own settings (GET and PUT /v1/me), one row per e-mail once they change one or
-- a reminder went out to them: whether the nightly reminders of what is due from them reach
-- them by e-mail (on unless they turn it off), and what the last reminder said and when — the
-- next one goes out when the list changes, or a week later, never the same list every night.
CREATE TABLE preferences (
  email TEXT PRIMARY KEY,
  reminders INTEGER NOT NULL DEFAULT 1 CHECK (reminders IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  -- Paris date of the last reminder sent, and the hash of its list.
  reminded_on TEXT,
  reminded_hash TEXT
);
