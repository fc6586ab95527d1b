// Which rows of an import the worker will accept, judged before anything is written: sessions by
// the worker itself (POST /v1/sessions/validate, every rule of POST /v1/sessions, the rows
// counted down the tab), blockers and indicators by the shared schemas and the territories
// the user writes for (their only rules besides). The dry run shows these verdicts; the import
// sends exactly the rows found acceptable.
import type { RowError, SessionValidation } from '../shared/api/sessions';
import { MSG } from '../shared/i18n/messages';
import { frTypo } from '../shared/i18n/typography';
import { MAX_CHECKED_ROWS } from '../shared/schemas';
import type { ImportRequest, ImportTarget, Result } from './api';
import type { ImportContext } from './import-context';
import { describe, type FieldError, type ImportRow } from './import-rows';
import { callWorker } from './worker-client';

export type Verdict =
  | {
      ok: true;
      /** Already in the record under the row's id: nothing to create. */
      stored?: boolean;
      /** Sent again all the same (its id was written by an earlier import; the worker replays it). */
      resend?: boolean;
      /** Accepted only with the admin's override, which its POST carries. */
      override?: boolean;
    }
  | { ok: false; message: string; later?: boolean };

export const LATER = frTypo('Non vérifiée : relancez l’import pour la suite (rien ne sera créé deux fois).');
/** Under the route's 1 MB: the rows of one check, as JSON. */
const MAX_CHECK_BYTES = 900_000;

/** A refusal: one line per field, each said once. */
export function refused(
  target: ImportTarget,
  row: Pick<ImportRow, 'written'>,
  errors: FieldError[],
): Verdict {
  const lines = [...new Set(errors.map((e) => describe(target, row, e)))];
  return { ok: false, message: lines.join('\n') };
}

/** The rows one check takes: at most 500, and under the route's body limit. */
function firstBatch(rows: ImportRow[]): ImportRow[] {
  let bytes = 0;
  const out: ImportRow[] = [];
  for (const r of rows.slice(0, MAX_CHECKED_ROWS)) {
    bytes += JSON.stringify(r.body).length * 3;
    if (bytes > MAX_CHECK_BYTES) break;
    out.push(r);
  }
  return out;
}

const fromWorker = (errors: RowError[]): FieldError[] =>
  errors.map(({ field, message }) => ({ field, message }));

/** Sessions: the worker's verdict on every readable row, in one call. */
function judgeSessions(req: ImportRequest, rows: ImportRow[]): Result<Verdict[]> {
  const verdicts: (Verdict | undefined)[] = rows.map((r) =>
    r.errors.length ? refused('sessions', r, r.errors) : undefined,
  );
  const batch = firstBatch(rows.filter((_, i) => !verdicts[i]));
  if (batch.length) {
    const res = callWorker<SessionValidation>({
      method: 'post',
      path: '/v1/sessions/validate',
      body: {
        rows: batch.map((r) => ({ row: r.line, ...r.body })),
        ...(req.override ? { overrideWhereNeeded: req.override } : {}),
      },
    });
    if (!res.ok) return res;
    for (const result of res.data.results) {
      const i = rows.findIndex((r) => r.line === result.row);
      verdicts[i] = result.ok
        ? {
            ok: true,
            ...(result.stored ? { stored: true } : {}),
            ...(result.override ? { override: true } : {}),
          }
        : refused('sessions', rows[i]!, fromWorker(result.errors));
    }
  }
  return { ok: true, data: verdicts.map((v) => v ?? { ok: false, message: LATER, later: true }) };
}

/** Blockers and indicators: the schema (read already) and the territories the user writes for. */
function judgeLocally(target: ImportTarget, r: ImportRow, ctx: ImportContext): Verdict {
  if (r.errors.length) return refused(target, r, r.errors);
  if (ctx.me.role === 'viewer') return { ok: false, message: MSG.viewerReadOnly };
  const territoryId = String(r.body.territoryId ?? '');
  if (!ctx.me.territories.some((t) => t.id === territoryId))
    return refused(target, r, [
      { field: 'territoryId', message: MSG.notYourTerritory(ctx.dir.territoryName(territoryId)) },
    ]);
  return r.id ? { ok: true, stored: true, resend: true } : { ok: true };
}

export function judgeRows(req: ImportRequest, rows: ImportRow[], ctx: ImportContext): Result<Verdict[]> {
  if (req.target === 'sessions') return judgeSessions(req, rows);
  return { ok: true, data: rows.map((r) => judgeLocally(req.target, r, ctx)) };
}
