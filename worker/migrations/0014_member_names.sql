-- A member's display name: the sidebars, the tabs and the conflict messages name people
-- (« Saisie par Claire Martin ») and fall back to the e-mail only where no name is known.
-- Empty until an admin sets it (POST /v1/members {email, role, name}).
ALTER TABLE members ADD COLUMN name TEXT;
