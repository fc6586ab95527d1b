import * as z from 'zod/mini';
import { QuotaPage } from '../../shared/api/quotas';
import { MSG } from '../../shared/i18n/messages';
import { Id } from '../../shared/schemas';
import { ALL } from '../auth/policy';
import { getProgrammeQuery } from '../db/programme';
import { runQueries } from '../db/query';
import { decodeToken, encodeToken } from '../http/base64url';
import { ApiError, fieldError } from '../http/errors';
import { type Ctx, route } from '../http/route';
import {
  assembleQuotaReport,
  type QuotaInputs,
  quotaReportQueries,
  type SubjectFilter,
} from '../quotas/engine';

/** At most this many subjects (territories and partners) a page. */
export const QUOTA_PAGE = 100;

/**
 * Where a page starts: after a territory (`t`: its name and id; the partners follow all the
 * territories, from the first), or after a partner (`p`: its territory, name and id).
 */
type QuotaCursor = { t: [string, string] } | { p: [string, string, string] };

const strings = (v: unknown, n: number) =>
  Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'string');

function readCursor(text: string): QuotaCursor {
  const c = decodeToken(text) as Record<string, unknown> | undefined;
  const keys = c && typeof c === 'object' ? Object.keys(c) : [];
  if (keys.length === 1 && (strings(c?.t, 2) || strings(c?.p, 3))) return c as QuotaCursor;
  throw fieldError('cursor', MSG.badCursor);
}

/** The territories and partners a page reads: one more than the page holds, to know whether another follows. */
function pageFilters(after: QuotaCursor | null): { territories: SubjectFilter; partners: SubjectFilter } {
  const limit = QUOTA_PAGE + 1;
  if (after && 'p' in after)
    return {
      territories: { where: '0', limit: 1 },
      partners: { where: '(territory_id, name, id) > (?, ?, ?)', args: after.p, limit },
    };
  return {
    territories: after ? { where: '(name, id) > (?, ?)', args: after.t, limit } : { limit },
    partners: { limit },
  };
}

/**
 * The page's subjects (territories first, then partners) and the cursor of the next page:
 * after its last partner, or after its last territory while territories or partners remain.
 */
function cut([use, territories, partners]: QuotaInputs): { inputs: QuotaInputs; next: QuotaCursor | null } {
  const shown = territories.slice(0, QUOTA_PAGE);
  const kept = partners.slice(0, QUOTA_PAGE - shown.length);
  const inputs: QuotaInputs = [use, shown, kept];
  const lastT = shown.at(-1);
  const lastP = kept.at(-1);
  if (territories.length === shown.length && partners.length === kept.length) return { inputs, next: null };
  if (lastP) return { inputs, next: { p: [lastP.territoryId ?? '', lastP.name, lastP.id] } };
  return { inputs, next: lastT ? { t: [lastT.name, lastT.id] } : null };
}

const QuotaFilters = z.object({ territoryId: z.optional(Id), cursor: z.optional(z.string()) });

/**
 * The programme's quotas, and one territory's with its partners' (`territoryId`), or a page of
 * at most 100 subjects, territories then partners, in their lists' order (`cursor`: the page
 * after; unfiltered: the first). One D1 batch.
 */
async function readQuotas(c: Ctx, { query }: { query: z.infer<typeof QuotaFilters> }) {
  const db = c.env.DB;
  const { territoryId } = query;
  if (territoryId && query.cursor) throw fieldError('cursor', MSG.cursorWithTerritory);
  const filters = territoryId
    ? {
        territories: { where: 'id = ?', args: [territoryId] },
        partners: { where: 'territory_id = ?', args: [territoryId] },
      }
    : pageFilters(query.cursor ? readCursor(query.cursor) : null);
  const [p, ...inputs] = await runQueries(db, [getProgrammeQuery(db), ...quotaReportQueries(db, filters)]);
  if (territoryId && inputs[1].length === 0) throw new ApiError('NOT_FOUND', MSG.notFound('Territoire'));
  const page = territoryId ? { inputs, next: null } : cut(inputs);
  return c.json({ ...assembleQuotaReport(p, page.inputs), nextCursor: page.next && encodeToken(page.next) });
}

const SUMMARY =
  'Consommation des quotas : ceux du programme, et ceux d’un territoire et de ses partenaires (territoryId) ' +
  'ou une page d’au plus 100 sujets, territoires puis partenaires (cursor : nextCursor de la page précédente)';

export const quotaRoutes = [
  route('GET /v1/quotas', ALL, SUMMARY, QuotaPage, readQuotas, { query: QuotaFilters }),
];
