import * as z from 'zod/mini';
import { AuditPage } from '../../shared/api/audit';
import { PARIS, zonedDayStart } from '../../shared/dates';
import { MSG } from '../../shared/i18n/messages';
import { IsoDate } from '../../shared/schemas';
import { ADMIN } from '../auth/policy';
import { listAudit } from '../db/audit';
import { fieldError } from '../http/errors';
import { type Ctx, route } from '../http/route';

const MAX_PAGE = 1000;
/** An instant with its offset (`Z` or `+01:00`), its date a real one like IsoDate's. */
const Instant = z.iso.datetime({ offset: true });

/**
 * `from` is inclusive, `to` inclusive for a date (the whole day) and exclusive for an instant.
 * Dates are checked as /v1/sessions checks them: 2025-02-30 is no date (Date.parse would read
 * it as 2 March).
 */
function boundary(v: string | undefined, name: 'from' | 'to'): string | undefined {
  if (v === undefined) return undefined;
  if (z.safeParse(IsoDate, v).success) return zonedDayStart(v, PARIS, name === 'to' ? 1 : 0);
  if (z.safeParse(Instant, v).success) return new Date(v).toISOString();
  throw fieldError(name, MSG.dateOrInstant);
}

function positiveInt(v: string | undefined, name: string, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > max) throw fieldError(name, MSG.integerBetween('Nombre', max));
  return n;
}

const AuditFilters = z.object({
  entity: z.optional(z.string()),
  entityId: z.optional(z.string()),
  actor: z.optional(z.string()),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  limit: z.optional(z.string()),
  after: z.optional(z.string()),
});

/**
 * The audit trail, oldest first, for admins. Filters: entity, entityId, actor, from, to;
 * pages of `limit` lines (at most 1,000), the next page asked with `after=<next>`.
 */
async function listAuditPage(c: Ctx, { query }: { query: z.infer<typeof AuditFilters> }) {
  const limit = positiveInt(query.limit, 'limit', MAX_PAGE) ?? MAX_PAGE;
  const entries = await listAudit(c.env.DB, {
    entity: query.entity,
    entityId: query.entityId,
    actor: query.actor,
    from: boundary(query.from, 'from'),
    to: boundary(query.to, 'to'),
    afterSeq: positiveInt(query.after, 'after', Number.MAX_SAFE_INTEGER),
    limit: limit + 1,
  });
  const page = entries.slice(0, limit);
  return c.json({ entries: page, next: entries.length > limit ? (page.at(-1)?.seq ?? null) : null });
}

const AUDIT = 'Journal d’audit (dates de Paris, bornes incluses)';

export const auditRoutes = [
  route('GET /v1/audit', ADMIN, AUDIT, AuditPage, listAuditPage, { query: AuditFilters }),
];
