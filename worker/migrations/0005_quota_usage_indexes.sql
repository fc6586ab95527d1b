-- GET /v1/quotas groups live sessions per quota subject. With duration in every index, each
-- group-by of USAGE_SQL (worker/quotas/engine.ts) reads one covering index in order instead of
-- sorting the table (1,000 territories / 100,000 sessions: ~900 ms → see npm run bench).
DROP INDEX sessions_live_by_partner;
DROP INDEX sessions_live_by_month;
CREATE INDEX sessions_live_by_partner ON sessions(kind, partner_id, duration_minutes) WHERE deleted_at IS NULL;
CREATE INDEX sessions_live_by_month ON sessions(kind, month, duration_minutes) WHERE deleted_at IS NULL;
