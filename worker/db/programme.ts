import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import type { Programme, ProgrammeAssessment } from '../../shared/schemas/programme';
import { type AuditContext, auditStatement } from './audit';
import { type Query, query, runQuery } from './query';
import { parseJson } from './util';

interface Row {
  data: string;
  assessment: string | null;
}

export const PROGRAMME_SQL = 'SELECT data FROM programme LIMIT 1';

/** The programme from its row; the tender's preset until an admin stores another. */
export const programmeFromRow = (row: { data: unknown } | null | undefined): Programme =>
  row ? (JSON.parse(String(row.data)) as Programme) : PROGRAMME_PRESET;

export const getProgrammeQuery = (db: D1Database): Query<Programme> =>
  query(db.prepare(PROGRAMME_SQL), ([row]) => programmeFromRow(row as { data: unknown } | undefined));

export const getProgramme = (db: D1Database) => runQuery(getProgrammeQuery(db));

export async function getProgrammeAssessment(db: D1Database): Promise<ProgrammeAssessment | null> {
  const row = await db.prepare('SELECT assessment FROM programme LIMIT 1').first<Row>();
  return parseJson<ProgrammeAssessment>(row?.assessment);
}

/** One programme per database: a PUT replaces the single row, keeping its assessment. */
export async function putProgramme(db: D1Database, ctx: AuditContext, next: Programme) {
  const before = await getProgramme(db);
  const assessment = await getProgrammeAssessment(db);
  await db.batch([
    db.prepare('DELETE FROM programme'),
    db
      .prepare('INSERT INTO programme (id, data, assessment, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)')
      .bind(next.id, JSON.stringify(next), assessment ? JSON.stringify(assessment) : null, ctx.at, ctx.actor),
    auditStatement(db, ctx, 'update', 'programme', next.id, before, next),
  ]);
}

export async function putProgrammeAssessment(
  db: D1Database,
  ctx: AuditContext,
  assessment: ProgrammeAssessment,
) {
  const programme = await getProgramme(db);
  const before = await getProgrammeAssessment(db);
  await db.batch([
    db
      .prepare(
        `INSERT INTO programme (id, data, assessment, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET assessment = excluded.assessment, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by`,
      )
      .bind(programme.id, JSON.stringify(programme), JSON.stringify(assessment), ctx.at, ctx.actor),
    auditStatement(db, ctx, 'update', 'programme-assessment', programme.id, before, assessment),
  ]);
}
