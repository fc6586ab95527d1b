// POST /v1/sessions/validate: every rule of POST /v1/sessions applied to a batch of rows,
// nothing stored. The rows are checked in their order as if each accepted one were written
// before the next (quotas counted cumulatively, a workshop host taken, an id used), from one
// D1 batch of reads: the programme, the territories, partners, blockers and sessions the rows
// name, and the quotas' use. The rules are the shared ones (shared/quotas/rules.ts) and the
// messages those POST /v1/sessions answers, so the add-on's dry run and its import agree.
import type { CheckedRow, RowError } from '../../shared/api/sessions';
import { LABELS } from '../../shared/i18n/labels';
import { MSG } from '../../shared/i18n/messages';
import { frMonth, frTypo, quoted } from '../../shared/i18n/typography';
import {
  makeQuota,
  QUOTA_RULES,
  type Quota,
  type QuotaRule,
  sessionAmount,
  subjectOf,
} from '../../shared/quotas/rules';
import { SessionInput, type SessionRowsInput } from '../../shared/schemas';
import type { Programme } from '../../shared/schemas/programme';
import { validate } from '../../shared/schemas/validate';
import { mayWriteFor } from '../auth/access';
import { getProgrammeQuery } from '../db/programme';
import { query, type Row, runQueries } from '../db/query';
import { bodyHash } from '../db/util';
import type { User } from '../env';
import { ApiError } from '../http/errors';
import type { Ctx } from '../http/route';
import { loggedSession } from './refusal';

type Override = NonNullable<SessionRowsInput['overrideWhereNeeded']>;

interface Territory {
  id: string;
  name: string;
  consultants: string[];
}
interface StoredRow {
  hash: string;
  date: string;
  durationMinutes: number;
  kind: keyof typeof LABELS.sessionKind;
}

/** What the rows name, as the database holds it now: one batch of reads. */
interface Known {
  programme: Programme;
  territories: Map<string, Territory>;
  /** Partner → its territory and name. */
  partners: Map<string, { territoryId: string; name: string }>;
  /** Blocker → its territory. */
  blockers: Map<string, string>;
  sessions: Map<string, StoredRow>;
  /** `kind|subject` → use, in the rule's unit. */
  used: Map<string, number>;
  /** Territories that already hosted a (live) collective workshop. */
  hosts: Set<string>;
}

const ids = (values: (string | undefined)[]) => JSON.stringify([...new Set(values.filter(Boolean))]);
const IN = (n: number) => `IN (SELECT value FROM json_each(?${n}))`;

/** Rows by id, each as `value` reads it. */
const byId = <T>(rows: Row[], value: (r: Row) => T) => new Map(rows.map((r) => [String(r.id), value(r)]));

/** The quotas' use, by `kind|subject`, in each rule's unit. */
const usedFrom = (rows: Row[]) =>
  new Map(
    rows.map((r) => {
      const rule = QUOTA_RULES[r.kind as keyof typeof QUOTA_RULES];
      return [`${r.kind}|${r.subject}`, Number(rule?.unit === 'minutes' ? r.minutes : r.sessions)];
    }),
  );

async function readKnown(db: D1Database, bodies: SessionInput[]): Promise<Known> {
  const partnerIds = ids(bodies.map((b) => b.partnerId));
  const sql = (text: string, ...args: string[]) => db.prepare(text).bind(...args);
  const [programme, territories, partners, blockers, sessions, used, hosts] = await runQueries(db, [
    getProgrammeQuery(db),
    query(
      sql(
        `SELECT id, data FROM territories WHERE id ${IN(1)} OR id IN (SELECT territory_id FROM partners WHERE id ${IN(2)})`,
        ids(bodies.map((b) => b.territoryId)),
        partnerIds,
      ),
      (rows) =>
        byId(rows, (r) => {
          const data = JSON.parse(String(r.data)) as { name: string; consultants: string[] };
          return { id: String(r.id), name: data.name, consultants: data.consultants };
        }),
    ),
    query(sql(`SELECT id, territory_id AS t, name FROM partners WHERE id ${IN(1)}`, partnerIds), (rows) =>
      byId(rows, (r) => ({ territoryId: String(r.t), name: String(r.name) })),
    ),
    query(
      sql(
        `SELECT id, territory_id AS t FROM blockers WHERE id ${IN(1)}`,
        ids(bodies.flatMap((b) => b.blockerIds ?? [])),
      ),
      (rows) => byId(rows, (r) => String(r.t)),
    ),
    query(
      sql(`SELECT id, body_hash AS hash, data FROM sessions WHERE id ${IN(1)}`, ids(bodies.map((b) => b.id))),
      (rows) =>
        byId(rows, (r) => ({
          hash: String(r.hash),
          ...(JSON.parse(String(r.data)) as Omit<StoredRow, 'hash'>),
        })),
    ),
    query(
      sql(
        `SELECT kind, subject, sessions, minutes FROM quota_usage WHERE kind ${IN(1)}`,
        ids(bodies.map((b) => b.kind)),
      ),
      usedFrom,
    ),
    query(
      db.prepare(
        "SELECT DISTINCT territory_id AS t FROM sessions WHERE deleted_at IS NULL AND kind = 'workshop'",
      ),
      (rows) => new Set(rows.map((r) => String(r.t))),
    ),
  ]);
  return { programme, territories, partners, blockers, sessions, used, hosts };
}

const err = (field: string, code: string, message: string): RowError => ({
  field,
  code,
  message: frTypo(message),
});

/** The schema's issues, one per field (the first, which is the most basic one). */
const schemaErrors = (issues: { path: string; message: string }[]): RowError[] =>
  onePerField(issues.map((i) => err(i.path || 'row', 'VALIDATION_FAILED', i.message)));

/** A body checked on its own terms, as the route itself does before the batch, and its territory. */
function recordErrors(
  b: SessionInput,
  k: Known,
  user: User,
): { errors: RowError[]; territory: Territory | null } {
  const p = k.programme;
  const rule = QUOTA_RULES[b.kind];
  const errors: RowError[] = [];
  if (b.override && user.role !== 'admin') errors.push(err('override', 'FORBIDDEN', MSG.overrideAdminOnly));
  // In the order POST /v1/sessions checks them: its first refusal is the first error here.
  if (rule.scope === 'partner' && !b.partnerId)
    errors.push(err('partnerId', 'VALIDATION_FAILED', MSG.partnerRequired));
  if (b.date < p.startDate || b.date > p.endDate)
    errors.push(err('date', 'VALIDATION_FAILED', MSG.dateOutsideProgramme(p.startDate, p.endDate)));
  const partnerTerritory = b.partnerId ? k.partners.get(b.partnerId)?.territoryId : undefined;
  if (b.partnerId && !partnerTerritory)
    errors.push(err('partnerId', 'VALIDATION_FAILED', MSG.notFound('Partenaire')));
  else if (b.partnerId && b.territoryId && partnerTerritory !== b.territoryId)
    errors.push(err('partnerId', 'VALIDATION_FAILED', MSG.partnerOfOtherTerritory));
  const tid = b.territoryId ?? partnerTerritory;
  const territory = (tid && k.territories.get(tid)) || null;
  if (b.territoryId && !territory)
    errors.push(err('territoryId', 'VALIDATION_FAILED', MSG.notFound('Territoire')));
  else if (rule.needsTerritory && !territory && !b.partnerId)
    errors.push(err('territoryId', 'VALIDATION_FAILED', MSG.territoryRequired(LABELS.sessionKind[b.kind])));
  if (territory && !mayWriteFor(user, territory))
    errors.push(err('territoryId', 'FORBIDDEN', MSG.notYourTerritory(territory.name)));
  (b.blockerIds ?? []).forEach((id, i) => {
    const owner = k.blockers.get(id);
    if (owner === undefined) errors.push(err(`blockerIds.${i}`, 'VALIDATION_FAILED', MSG.unknownBlocker(id)));
    else if (territory && owner !== territory.id)
      errors.push(err(`blockerIds.${i}`, 'VALIDATION_FAILED', MSG.blockerOfOtherTerritory(id)));
  });
  return { errors: onePerField(errors), territory };
}

function onePerField(errors: RowError[]): RowError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
}

/** The batch so far: each accepted row counted as if written. */
class Tally {
  private used: Map<string, number>;
  private hosts: Set<string>;
  /** Ids of the rows accepted so far, with the hash of the body each was accepted with. */
  private ids = new Map<string, string>();
  constructor(private k: Known) {
    this.used = new Map(k.used);
    this.hosts = new Set(k.hosts);
  }
  quota(rule: QuotaRule, subject: string): Quota {
    return makeQuota(rule, this.k.programme, subject, this.used.get(`${rule.kind}|${subject}`) ?? 0);
  }
  hostTaken = (territoryId: string) => this.hosts.has(territoryId);
  /** The hash the stored session under this id has, or a row above it accepted with it. */
  hashOf = (id: string | undefined) => (id ? (this.ids.get(id) ?? this.k.sessions.get(id)?.hash) : undefined);
  add(rule: QuotaRule, subject: string, b: SessionInput, hash: string, territory: Territory | null) {
    const key = `${rule.kind}|${subject}`;
    this.used.set(key, (this.used.get(key) ?? 0) + sessionAmount(rule, b.durationMinutes));
    if (rule.uniqueTerritory && territory) this.hosts.add(territory.id);
    if (b.id) this.ids.set(b.id, hash);
  }
}

/** The field a quota refusal is shown beside: what decides which quota the row counts against. */
function quotaField(rule: QuotaRule): string {
  if (rule.unit === 'minutes') return 'durationMinutes';
  if (rule.scope === 'territory') return 'territoryId';
  if (rule.scope === 'partner') return 'partnerId';
  return rule.perMonth ? 'date' : 'kind';
}

/** The limits the insert checks, in its order: one session's maximum, the quota, a host used once. */
function limitErrors(b: SessionInput, rule: QuotaRule, quota: Quota, c: Check, territory: Territory | null) {
  const cap = rule.maxMinutesPerSession?.(c.k.programme);
  if (cap !== undefined && b.durationMinutes > cap)
    return [
      err(
        'durationMinutes',
        'QUOTA_EXCEEDED',
        MSG.durationCap(LABELS.sessionKind[b.kind], cap, b.durationMinutes),
      ),
    ];
  const amount = sessionAmount(rule, b.durationMinutes);
  if (quota.used + amount > quota.limit)
    return [
      err(
        quotaField(rule),
        'QUOTA_EXCEEDED',
        `${whose(rule, quota, c.k)}${MSG.quotaExceeded(quota, amount)}`,
      ),
    ];
  if (rule.uniqueTerritory && territory && c.tally.hostTaken(territory.id))
    return [err('territoryId', 'QUOTA_EXCEEDED', MSG.hostAlreadyUsed(territory.name))];
  return [];
}

/** Whom a quota is for, before its refusal: an import mixes territories, partners and months. */
function whose(rule: QuotaRule, q: Quota, k: Known): string {
  if (rule.scope === 'territory')
    return `Territoire ${quoted(k.territories.get(q.subjectId)?.name ?? q.subjectId)} — `;
  if (rule.scope === 'partner')
    return `Partenaire ${quoted(k.partners.get(q.subjectId)?.name ?? q.subjectId)} — `;
  return rule.perMonth ? `${frMonth(q.subjectId)} — ` : '';
}

interface Check {
  k: Known;
  user: User;
  tally: Tally;
  override: Override | undefined;
}

/**
 * A row whose id is taken: the same body (as sent, or with the override the route would add)
 * is a replay that creates nothing; another body is the conflict POST /v1/sessions answers.
 */
function replay(row: number, b: SessionInput, hashes: string[], c: Check, quota: Quota): CheckedRow | null {
  const taken = c.tally.hashOf(b.id);
  if (taken === undefined) return null;
  const at = hashes.indexOf(taken);
  if (at >= 0)
    return {
      row,
      ok: true,
      errors: [],
      quota,
      stored: true,
      ...(at === 1 ? { override: true as const } : {}),
    };
  const s = c.k.sessions.get(b.id ?? '');
  const when = s ? loggedSession(s) : 'plus haut dans cet import';
  return {
    row,
    ok: false,
    errors: [err('id', 'IDEMPOTENCY_CONFLICT', MSG.sessionAlreadyLogged(when))],
    quota,
  };
}

/** One well-formed row, after the rows above it. */
async function checkRow(row: number, b: SessionInput, c: Check): Promise<CheckedRow> {
  const { errors, territory } = recordErrors(b, c.k, c.user);
  if (errors.length) return { row, ok: false, errors };
  const rule = QUOTA_RULES[b.kind];
  const subject = subjectOf(rule, { ...b, territoryId: territory?.id ?? null });
  const before = c.tally.quota(rule, subject);
  const withOverride = c.override && !b.override ? [{ ...b, override: c.override }] : [];
  const hashes = await Promise.all([b, ...withOverride].map((x) => bodyHash(x)));
  const replayed = replay(row, b, hashes, c, before);
  if (replayed) return replayed;
  const limits = b.override ? [] : limitErrors(b, rule, before, c, territory);
  if (limits.length && !withOverride.length) return { row, ok: false, errors: limits, quota: before };
  const forced = limits.length > 0;
  c.tally.add(rule, subject, b, hashes[forced ? 1 : 0]!, territory);
  return {
    row,
    ok: true,
    errors: [],
    quota: c.tally.quota(rule, subject),
    ...(forced ? { override: true } : {}),
  };
}

/**
 * Every row as POST /v1/sessions would answer it now, each accepted row counted before the
 * next; nothing is written. `overrideWhereNeeded` is an admin's: the caller checked that.
 */
export async function validateSessions(
  db: D1Database,
  user: User,
  input: SessionRowsInput,
): Promise<CheckedRow[]> {
  const parsed = input.rows.map(({ row, ...rest }) => ({ row, v: validate(SessionInput, rest) }));
  const bodies = parsed.flatMap((p) => (p.v.ok ? [p.v.data] : []));
  const k = await readKnown(db, bodies);
  const c: Check = { k, user, tally: new Tally(k), override: input.overrideWhereNeeded };
  const out: CheckedRow[] = [];
  for (const p of parsed)
    out.push(
      p.v.ok
        ? await checkRow(p.row, p.v.data, c)
        : { row: p.row, ok: false, errors: schemaErrors(p.v.issues) },
    );
  return out;
}

/** POST /v1/sessions/validate (writers): `200 {results}`, nothing stored. */
export async function checkSessionRows(c: Ctx, { body }: { body: SessionRowsInput }) {
  const user = c.get('user');
  if (body.overrideWhereNeeded && user.role !== 'admin')
    throw new ApiError('FORBIDDEN', MSG.overrideAdminOnly);
  return c.json({ results: await validateSessions(c.env.DB, user, body) });
}
