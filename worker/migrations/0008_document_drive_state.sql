-- What the worker last wrote to a document's Google Doc, as Drive reported it: the file's
-- `version` and `modifiedTime` after the upload, and the account that wrote it. On the next
-- generation, a Doc changed since by someone else is left as the person made it and a new
-- Doc is created (worker/documents/publish.ts).
ALTER TABLE documents ADD COLUMN drive_version TEXT;
ALTER TABLE documents ADD COLUMN drive_modified_time TEXT;
ALTER TABLE documents ADD COLUMN drive_writer TEXT;
