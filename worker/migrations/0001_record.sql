-- The programme's record. Each entity keeps the columns the worker queries on, plus the
-- validated body as JSON (`data`) so responses return exactly what was accepted.
-- `body_hash` makes client-chosen ids idempotent: same id + same body = replay.

CREATE TABLE members (
  email TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('admin', 'consultant', 'viewer')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE programme (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  assessment TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE territories (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  central_city TEXT NOT NULL,
  assessment TEXT,
  body_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX partners_by_territory ON partners(territory_id);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  territory_id TEXT REFERENCES territories(id),
  partner_id TEXT REFERENCES partners(id),
  date TEXT NOT NULL,
  month TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  data TEXT NOT NULL,
  override_reason TEXT,
  override_by TEXT,
  override_at TEXT,
  body_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  deleted_at TEXT,
  deleted_by TEXT
);
-- Quota checks count live sessions of one kind for one subject: these keep them indexed.
CREATE INDEX sessions_live_by_territory ON sessions(kind, territory_id, duration_minutes) WHERE deleted_at IS NULL;
CREATE INDEX sessions_live_by_partner ON sessions(kind, partner_id) WHERE deleted_at IS NULL;
CREATE INDEX sessions_live_by_month ON sessions(kind, month) WHERE deleted_at IS NULL;
CREATE INDEX sessions_by_date ON sessions(date);

CREATE TABLE blockers (
  id TEXT PRIMARY KEY,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  partner_id TEXT REFERENCES partners(id),
  status TEXT NOT NULL,
  data TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX blockers_by_territory ON blockers(territory_id, status);

CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  partner_id TEXT REFERENCES partners(id),
  period_end TEXT NOT NULL,
  data TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX indicators_by_territory ON indicators(territory_id);
CREATE INDEX indicators_by_partner ON indicators(partner_id);

CREATE TABLE workshops (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  host_territory_id TEXT NOT NULL UNIQUE REFERENCES territories(id),
  data TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  data TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX actions_by_partner ON actions(partner_id);

-- Append-only: no route updates or deletes it (see worker/db/audit.ts).
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before TEXT,
  after TEXT,
  request_id TEXT NOT NULL
);
CREATE INDEX audit_by_entity ON audit(entity, entity_id);
CREATE INDEX audit_by_actor ON audit(actor, at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
