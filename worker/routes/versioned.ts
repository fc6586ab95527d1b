import { MSG } from '../../shared/i18n/messages';
import { type Columns, getEntity, insertEntity, type Stored, type Table } from '../db/entities';
import { bodyHash, canonicalJson } from '../db/util';
import type { Outcome } from '../db/versioned';
import { ApiError, fieldError } from '../http/errors';
import type { Ctx } from '../http/route';
import { auditContext, replayOrRefuse, writableTerritory } from './context';

/** `"3"`: a record's version as its entity tag. */
export const etag = (version: number) => `"${version}"`;

/** A single-record answer: the record and its ETag. */
export const withEtag = (c: Ctx, body: object, version: number, status: 200 | 201 = 200) =>
  c.json(body, status, { ETag: etag(version) });

const TAG = /^\s*(W\/)?"([^"]*)"\s*$/;

/**
 * The versions `If-Match` accepts: null when absent or `*` (no condition). Weak tags never
 * match (If-Match compares strongly); anything that is no entity tag at all is a 400.
 */
export function ifMatch(c: Ctx): Set<number> | null {
  const raw = c.req.header('if-match');
  if (raw === undefined || raw.trim() === '*') return null;
  const versions = new Set<number>();
  for (const part of raw.split(',')) {
    const m = TAG.exec(part);
    if (!m) throw fieldError('If-Match', MSG.badIfMatch);
    if (!m[1] && /^\d{1,15}$/.test(m[2] ?? '')) versions.add(Number(m[2]));
  }
  return versions;
}

/** 412: nothing written; the stored record, so the caller can redo the change on it. */
export const preconditionFailed = (current: unknown, version: number) =>
  new ApiError('PRECONDITION_FAILED', MSG.preconditionFailed, { current }, { ETag: etag(version) });

/** Fields of `patch` whose stored value moved between two reads of the record. */
export function movedFields(patch: object, first: object, now: object): string[] {
  const a = first as Record<string, unknown>;
  const b = now as Record<string, unknown>;
  return Object.keys(patch).filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]));
}

export interface VersionedWrite<R> {
  /** The record as stored now (throws 404 when there is none). */
  load: () => Promise<R>;
  version: (r: R) => number;
  /** What a 412 shows as `error.current` (the record as the caller may read it). */
  current: (r: R) => unknown;
  /**
   * The fields this write sets, read from a record: when one of them moved under a retried
   * write, the write was computed from a value it never saw (an erased contact, another
   * status): 412 rather than overwrite it. Absent for a write that replaces a whole part.
   */
  fields?: (r: R) => object;
  patch?: object;
  /** Computes the write from `before` and sends it, conditional on `before`'s version. */
  apply: (before: R) => Promise<Outcome>;
  /** The write's own condition refused it on the current version: throws the matching error. */
  refused?: (before: R) => Promise<never> | never;
}

/**
 * Each stale attempt means another write landed meanwhile, so n writers racing for one record
 * all land within n attempts; a short random pause spreads the retries of those that lost.
 */
const MAX_ATTEMPTS = 25;
const pause = (attempt: number) =>
  new Promise((ok) => setTimeout(ok, Math.random() * Math.min(attempt, 10) * 2));

/**
 * Read, compute, write conditionally on the version read, and retry on a stale read: two
 * concurrent writes of different fields both land, each audited with what it replaced.
 * With `If-Match`, a version other than the caller's is a 412 and nothing is written.
 * Returns the record the write was computed from.
 */
export async function writeVersioned<R>(c: Ctx, w: VersionedWrite<R>): Promise<R> {
  const expected = ifMatch(c);
  let first: R | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(attempt);
    const before = await w.load();
    const version = w.version(before);
    if (expected && !expected.has(version)) throw preconditionFailed(w.current(before), version);
    if (first && w.fields && w.patch && movedFields(w.patch, w.fields(first), w.fields(before)).length)
      throw preconditionFailed(w.current(before), version);
    first ??= before;
    const outcome = await w.apply(before);
    if (outcome === 'written') return before;
    if (outcome === 'refused') {
      await w.refused?.(before);
      throw new ApiError('CONFLICT', MSG.writeRefused);
    }
  }
  throw new ApiError('CONFLICT', MSG.busy);
}

/** A record of one of the simple tables as stored now, with its ETag. */
export async function storedAnswer<T>(
  c: Ctx,
  table: Table,
  id: string,
  show: (s: Stored<T>) => object,
  status: 200 | 201 = 200,
) {
  const stored = await storedOr404<T>(c, table, id);
  return withEtag(c, show(stored), stored.version, status);
}

/** A create of a record of the simple tables: what the row holds and how it answers. */
export interface Create<T> {
  table: Table;
  id: string;
  /** The indexed columns beside the JSON data. */
  columns: Columns;
  data: T;
  /** The request body the idempotency hash is taken from. */
  request: object;
  /** A condition the insert must meet in the same statement (a free slot, a count under its limit). */
  condition?: { sql: string; args: unknown[] };
  /** The refusal when a new id did not go in because the condition failed. */
  refused?: () => Promise<never>;
  show: (s: Stored<T>) => object;
}

/**
 * Inserts the record and answers it as stored (201). The same create sent again answers the
 * stored record (200); another body under the same id is an IDEMPOTENCY_CONFLICT.
 */
export async function createStored<T extends object>(c: Ctx, k: Create<T>) {
  const hash = await bodyHash(k.request);
  const db = c.env.DB;
  const inserted = await insertEntity(
    db,
    auditContext(c),
    k.table,
    k.id,
    k.columns,
    k.data,
    hash,
    k.condition,
  );
  if (!inserted)
    await replayOrRefuse(await getEntity<T>(db, k.table, k.id), hash, k.refused ?? notFound, k.show);
  return storedAnswer<T>(c, k.table, k.id, k.show, inserted ? 201 : 200);
}

const notFound = (label = 'Enregistrement'): never => {
  throw new ApiError('NOT_FOUND', MSG.notFound(label));
};

/** The record `id` of `table`, or a 404 saying what is missing (`label`). */
async function storedOr404<T>(c: Ctx, table: Table, id: string, label?: string) {
  return (await getEntity<T>(c.env.DB, table, id)) ?? notFound(label);
}

/** One of the simple tables as its routes read and correct a record: what it is called, whose territory it is. */
export interface RecordKind<T> {
  table: Table;
  /** What the record is called in a 404. */
  label: string;
  show: (s: Stored<T>) => object;
  territoryOf: (s: Stored<T>) => string;
}

export const recordKind = <T>(
  table: Table,
  label: string,
  show: (s: Stored<T>) => object,
  territoryOf: (s: Stored<T>) => string,
): RecordKind<T> => ({ table, label, show, territoryOf });

/** GET of one record of the simple tables, with its ETag. */
export const readStored =
  <T>(k: RecordKind<T>) =>
  async (c: Ctx, { params }: { params: { id: string } }) => {
    const s = await storedOr404<T>(c, k.table, params.id, k.label);
    return withEtag(c, k.show(s), s.version);
  };

/**
 * A PATCH of a record of the simple tables: the caller must write for its territory, the patch
 * is merged into the version read and written on it (see `writeVersioned`), and the answer is
 * the record as stored now.
 */
export async function patchStored<T extends object>(
  c: Ctx,
  k: RecordKind<T>,
  id: string,
  w: Pick<VersionedWrite<Stored<T>>, 'patch' | 'apply' | 'refused'>,
) {
  await writeVersioned(c, {
    ...w,
    load: async () => {
      const s = await storedOr404<T>(c, k.table, id, k.label);
      await writableTerritory(c, k.territoryOf(s));
      return s;
    },
    version: (s) => s.version,
    current: k.show,
    fields: (s) => s.data,
  });
  return storedAnswer<T>(c, k.table, id, k.show);
}
