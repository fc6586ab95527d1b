-- Indexes for the reads the worker makes, and only those (every write pays for each index).
-- Checked with EXPLAIN QUERY PLAN on 1,000 territories / 3,000 partners / 100,000 sessions.

-- Quota counts are quota_usage rows since 0006 and the nightly check groups by quota_subject
-- since 0007: no read uses the per-month index, and the per-partner one of 0005 (with kind and
-- duration, for the GROUP BY of that time) only serves GET /v1/sessions?partnerId=, which
-- needs the partner alone.
DROP INDEX sessions_live_by_month;
DROP INDEX sessions_live_by_partner;
CREATE INDEX sessions_live_by_partner ON sessions(partner_id) WHERE deleted_at IS NULL;

-- The journal's order (date, then when logged): GET /v1/sessions, its from/to filters, and the
-- snapshot's pages read it in order instead of sorting the table.
DROP INDEX sessions_by_date;
CREATE INDEX sessions_journal ON sessions(date, created_at, id) WHERE deleted_at IS NULL;

-- Territories and partners in their list order, covering the quota report's reads (names by
-- id): GET /v1/quotas, the nightly check and the snapshot's pages read the index alone, not the
-- rows with their JSON. The partner index also serves the partners-per-territory count.
DROP INDEX partners_by_territory;
CREATE INDEX partners_by_territory ON partners(territory_id, name, id);
CREATE INDEX territories_by_name ON territories(name, id);
