import { readAssessment } from '../../shared/documents/assessment';
import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import type { Programme, StoredAssessment } from '../../shared/schemas/programme';
import { type AuditContext, auditStatement } from './audit';
import { type Query, query, runQuery } from './query';
import { parseJson } from './util';
import type { Outcome } from './versioned';

export const PROGRAMME_SQL = 'SELECT data, version FROM programme LIMIT 1';

/** The programme from its row; the tender's preset until an admin stores another. */
export const programmeFromRow = (row: { data: unknown } | null | undefined): Programme =>
  row ? (JSON.parse(String(row.data)) as Programme) : PROGRAMME_PRESET;

/** The stored row's version; 0 while the preset stands (no row yet). */
export const programmeVersionOf = (row: { version?: unknown } | null | undefined): number =>
  row ? Number(row.version ?? 1) : 0;

export const getProgrammeQuery = (db: D1Database): Query<Programme> =>
  query(db.prepare(PROGRAMME_SQL), ([row]) => programmeFromRow(row as { data: unknown } | undefined));

export const getProgramme = (db: D1Database) => runQuery(getProgrammeQuery(db));

export interface StoredProgramme {
  programme: Programme;
  assessment: StoredAssessment | null;
  version: number;
}

/** The programme, its assessment and the version both share (one row, one ETag). */
export const storedProgrammeQuery = (db: D1Database): Query<StoredProgramme> =>
  query(db.prepare('SELECT data, assessment, version FROM programme LIMIT 1'), ([row]) => {
    const r = row as { data: string; assessment: string | null; version: number } | undefined;
    return {
      programme: programmeFromRow(r),
      assessment: readAssessment(parseJson<unknown>(r?.assessment)),
      version: programmeVersionOf(r),
    };
  });

export const getStoredProgramme = (db: D1Database) => runQuery(storedProgrammeQuery(db));

/**
 * One programme per database, in one row whatever its id. A write applies only on the version
 * it was computed from: an UPDATE of the row when there is one, an INSERT while the preset
 * stands (version 0); each followed by its audit line, written only if that statement did.
 */
async function writeProgrammeRow(
  db: D1Database,
  ctx: AuditContext,
  before: StoredProgramme,
  next: { programme: Programme; assessment: StoredAssessment | null },
  audit: () => D1PreparedStatement,
): Promise<Outcome> {
  const values = [
    next.programme.id,
    JSON.stringify(next.programme),
    next.assessment ? JSON.stringify(next.assessment) : null,
    ctx.at,
    ctx.actor,
    before.version,
  ];
  const results = await db.batch([
    db
      .prepare(
        `UPDATE programme SET id = ?1, data = ?2, assessment = ?3, updated_at = ?4, updated_by = ?5,
           version = version + 1 WHERE version = ?6`,
      )
      .bind(...values),
    audit(),
    db
      .prepare(
        `INSERT INTO programme (id, data, assessment, updated_at, updated_by, version)
         SELECT ?1, ?2, ?3, ?4, ?5, 1 WHERE ?6 = 0 AND NOT EXISTS (SELECT 1 FROM programme)`,
      )
      .bind(...values),
    audit(),
  ]);
  if ((results[0]?.meta.changes ?? 0) > 0 || (results[2]?.meta.changes ?? 0) > 0) return 'written';
  return 'stale';
}

export const putProgramme = (db: D1Database, ctx: AuditContext, before: StoredProgramme, next: Programme) =>
  writeProgrammeRow(db, ctx, before, { programme: next, assessment: before.assessment }, () =>
    auditStatement(db, ctx, 'update', 'programme', next.id, before.programme, next),
  );

export const putProgrammeAssessment = (
  db: D1Database,
  ctx: AuditContext,
  before: StoredProgramme,
  assessment: StoredAssessment | null,
) =>
  writeProgrammeRow(db, ctx, before, { programme: before.programme, assessment }, () =>
    auditStatement(
      db,
      ctx,
      'update',
      'programme-assessment',
      before.programme.id,
      before.assessment,
      assessment,
    ),
  );
