-- Deliverables ADEME validates (issue 17).
-- Every generation is a version of its document (document_versions). Submitting freezes a
-- version: its HTML is kept with its author and submission date, its PDF (Google's export of
-- the Doc) goes to the Shared Drive's « Validés » folder with its SHA-256 in the audit. An
-- admin validates it (then it is immutable) or asks for changes. A document generated as of
-- a past date is its own subject (`as_of`), apart from the one that follows the live record.

ALTER TABLE documents ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
  CHECK (status IN ('draft', 'submitted', 'validated', 'changes-requested'));
ALTER TABLE documents ADD COLUMN as_of TEXT;
-- The live version's consistency warnings and condensed texts (JSON arrays).
ALTER TABLE documents ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN shortened TEXT NOT NULL DEFAULT '[]';
-- Who the document was shared with (POST /v1/documents/:id/share), a JSON array.
ALTER TABLE documents ADD COLUMN shared_with TEXT NOT NULL DEFAULT '[]';

CREATE TABLE document_versions (
  document_id TEXT NOT NULL REFERENCES documents(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'validated', 'changes-requested')),
  as_of TEXT NOT NULL,
  title TEXT NOT NULL,
  pages INTEGER NOT NULL,
  pages_source TEXT NOT NULL CHECK (pages_source IN ('google-pdf', 'estimate')),
  google_doc_id TEXT,
  -- Kept for every submitted version and the latest draft; a superseded draft's is dropped.
  html TEXT,
  warnings TEXT NOT NULL DEFAULT '[]',
  shortened TEXT NOT NULL DEFAULT '[]',
  generated_at TEXT NOT NULL,
  generated_by TEXT NOT NULL,
  author TEXT,
  submitted_at TEXT,
  acknowledged TEXT NOT NULL DEFAULT '[]',
  reviewed_by TEXT,
  reviewed_at TEXT,
  review_comment TEXT,
  pdf_file_id TEXT,
  pdf_url TEXT,
  sha256 TEXT,
  PRIMARY KEY (document_id, version)
);

-- Earlier documents: their current rendering is their first listed version.
INSERT INTO document_versions (document_id, version, status, as_of, title, pages, pages_source,
  google_doc_id, html, generated_at, generated_by)
SELECT id, version, 'draft', substr(updated_at, 1, 10), title, pages, pages_source, google_doc_id, html,
  updated_at, updated_by
FROM documents;

-- A validated version is immutable; a submitted one keeps what was submitted.
CREATE TRIGGER document_versions_validated_immutable BEFORE UPDATE ON document_versions
WHEN OLD.status = 'validated'
BEGIN
  SELECT RAISE(ABORT, 'document_versions: a validated version is immutable');
END;

CREATE TRIGGER document_versions_frozen BEFORE UPDATE ON document_versions
WHEN OLD.status <> 'draft' AND (
  NEW.html IS NOT OLD.html OR NEW.title IS NOT OLD.title OR NEW.pages IS NOT OLD.pages
  OR NEW.as_of IS NOT OLD.as_of OR NEW.sha256 IS NOT OLD.sha256 OR NEW.author IS NOT OLD.author
  OR NEW.pdf_file_id IS NOT OLD.pdf_file_id)
BEGIN
  SELECT RAISE(ABORT, 'document_versions: a submitted version is frozen');
END;

CREATE TRIGGER document_versions_kept BEFORE DELETE ON document_versions
WHEN OLD.status <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'document_versions: a submitted version is kept');
END;

-- Drive folders the worker found or created under the programme's folder (« Validés »):
-- looked up once, so a submission costs its export and its upload only.
CREATE TABLE drive_folders (
  parent_id TEXT NOT NULL,
  name TEXT NOT NULL,
  folder_id TEXT NOT NULL,
  PRIMARY KEY (parent_id, name)
);
