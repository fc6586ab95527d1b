-- Generated deliverables. One row per subject (type + territory, workshop, action or report
-- number): regenerating bumps `version` and, with Google, updates the same Google Doc.
-- `html` keeps the last rendering, served at /v1/documents/:id/html (the local default).
-- `pages_source` says how `pages` was counted: the PDF of the Google Doc, or the estimate.

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('territory-summary', 'workshop-sheet', 'action-sheet', 'progress-report')),
  subject_key TEXT NOT NULL UNIQUE,
  territory_id TEXT REFERENCES territories(id),
  title TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  pages INTEGER NOT NULL CHECK (pages >= 1),
  pages_source TEXT NOT NULL CHECK (pages_source IN ('google-pdf', 'estimate')),
  budget_level INTEGER,
  google_doc_id TEXT,
  url TEXT,
  html TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX documents_by_territory ON documents(territory_id);
