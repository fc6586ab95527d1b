import * as z from 'zod/mini';
import { AuditPage } from '../../shared/api/audit';
import { PARIS, zonedDayStart } from '../../shared/dates';
import { MSG } from '../../shared/i18n/messages';
import { IsoDate } from '../../shared/schemas';
import { ALL } from '../auth/policy';
import { type AuditEntry, listAudit } from '../db/audit';
import { getTerritory } from '../db/territories';
import { ApiError, fieldError } from '../http/errors';
import { type Ctx, route } from '../http/route';
import { seesContactDetails } from './context';

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
  /** The record (`id`, as the contract names it; `entityId` is the same filter). */
  id: z.optional(z.string()),
  entityId: z.optional(z.string()),
  actor: z.optional(z.string()),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  limit: z.optional(z.string()),
  after: z.optional(z.string()),
});
type Filters = z.infer<typeof AuditFilters>;

/**
 * The records every member may read, whose history they may therefore read too; a territory's
 * history holds its assessment's lines. Members, people and the rest of the trail: admins.
 */
const RECORD_ENTITIES: Record<string, readonly string[]> = {
  session: ['session'],
  blocker: ['blocker'],
  indicator: ['indicator'],
  workshop: ['workshop'],
  action: ['action'],
  partner: ['partner'],
  document: ['document'],
  programme: ['programme'],
  territory: ['territory', 'territory-assessment'],
};

/** What a caller who is not an admin may ask: one record's history, of a record they may read. */
function readerScope(query: Filters): { entities: readonly string[]; id: string } {
  const id = query.id ?? query.entityId;
  // Own names only: `toString` or `__proto__` is an unknown entity, not what an object inherits.
  const entities =
    query.entity && Object.hasOwn(RECORD_ENTITIES, query.entity) ? RECORD_ENTITIES[query.entity] : undefined;
  if (!entities || !id) throw new ApiError('FORBIDDEN', MSG.historyOfOneRecord);
  return { entities, id };
}

/** A territory's contacts' e-mail and phone stay with those who may read them (contract v1.1). */
async function withoutHiddenContacts(c: Ctx, entries: AuditEntry[], territoryId: string) {
  const t = await getTerritory(c.env.DB, territoryId);
  if (t && seesContactDetails(c.get('user'), t)) return entries;
  const strip = (v: unknown): unknown => {
    if (!v || typeof v !== 'object' || !Array.isArray((v as { contacts?: unknown }).contacts)) return v;
    const contacts = (v as { contacts: { name: string; role: string }[] }).contacts;
    return { ...v, contacts: contacts.map(({ name, role }) => ({ name, role })) };
  };
  return entries.map((e) => ({ ...e, before: strip(e.before), after: strip(e.after) }));
}

/**
 * The audit trail, oldest first. Admins: every line, filtered by entity, record, actor, from,
 * to. Everyone else: the history of one record they may read (`entity` and `id`). Pages of
 * `limit` lines (at most 1,000), the next page asked with `after=<next>`.
 */
async function listAuditPage(c: Ctx, { query }: { query: Filters }) {
  const admin = c.get('user').role === 'admin';
  const scope = admin ? null : readerScope(query);
  const limit = positiveInt(query.limit, 'limit', MAX_PAGE) ?? MAX_PAGE;
  const entries = await listAudit(c.env.DB, {
    entity: scope?.entities ?? (query.entity === 'territory' ? RECORD_ENTITIES.territory : query.entity),
    entityId: scope?.id ?? query.id ?? query.entityId,
    actor: query.actor,
    from: boundary(query.from, 'from'),
    to: boundary(query.to, 'to'),
    afterSeq: positiveInt(query.after, 'after', Number.MAX_SAFE_INTEGER),
    limit: limit + 1,
  });
  const page = entries.slice(0, limit);
  const shown = scope?.entities.includes('territory') ? await withoutHiddenContacts(c, page, scope.id) : page;
  return c.json({ entries: shown, next: entries.length > limit ? (page.at(-1)?.seq ?? null) : null });
}

const AUDIT =
  'Journal d’audit (dates de Paris, bornes incluses) ; avec entity et id, l’historique d’un enregistrement, ' +
  'ouvert à tous ceux qui peuvent le lire';

export const auditRoutes = [
  route('GET /v1/audit', ALL, AUDIT, AuditPage, listAuditPage, { query: AuditFilters }),
];
