// Sending an import's accepted rows: together, in UrlFetchApp.fetchAll calls (one round trip
// for up to 200 rows), never one by one. Rows accepted without an override go first, then the
// rows only an admin's override lets through: those without it were judged to fit before any
// forced one, so they fit whatever order the worker takes them in. A worker that asks to slow
// down (429, the writes-per-minute limit) is waited for while the run has time; what is left
// is reported « non envoyée » and goes at the next run, under the same ids.
import type { Quota } from '../shared/quotas/rules';
import type { AddonError, ImportRequest } from './api';
import { updateLists } from './context';
import type { Verdict } from './import-judge';
import { describe, type ImportRow } from './import-rows';
import { LOCK_BUSY, withDocumentLock } from './lock';
import { names } from './names';
import { job, mirrorTabs } from './sheet-mirror';
import { BLOCKERS, INDICATORS, QUOTAS, SESSIONS } from './tabs';
import { type Answer, callWorkerAll } from './worker-client';

const TARGET = {
  sessions: { path: '/v1/sessions', spec: SESSIONS },
  blockers: { path: '/v1/blockers', spec: BLOCKERS },
  indicators: { path: '/v1/indicators', spec: INDICATORS },
} as const;
/** Rows per fetchAll: one round trip each. */
const PER_CALL = 200;
/** Apps Script stops a run at 6 minutes: sending stops waiting well before. */
const SENDING_BUDGET_MS = 270_000;

type Status = { ok: boolean; message: string };
export interface Sent {
  statuses: Map<number, Status>;
  warning?: string;
}
export interface Statuses {
  stored: string;
  created: string;
  createdOverride: string;
  notSent: string;
}

type Reply = Answer<Record<string, unknown>> | 'not-sent';

/** The rows' POSTs, in calls of PER_CALL, again for those the worker asked to wait for. */
function postAll(
  bodies: { line: number; body: unknown }[],
  path: string,
  deadline: number,
): Map<number, Reply> {
  const out = new Map<number, Reply>();
  let pending = bodies;
  while (pending.length) {
    const waiting: typeof pending = [];
    let wait = 0;
    for (let i = 0; i < pending.length; i += PER_CALL) {
      const part = pending.slice(i, i + PER_CALL);
      const answers = callWorkerAll<Record<string, unknown>>(
        part.map((b) => ({ method: 'post', path, body: b.body })),
      );
      answers.forEach((a, j) => {
        if (!a.ok && a.error.code === 'RATE_LIMITED') {
          waiting.push(part[j]!);
          wait = Math.max(wait, a.retryAfter ?? 1);
        } else out.set(part[j]!.line, a);
      });
    }
    // The limiter frees one write per interval: wait for as many as are left (a minute at most).
    const ms = Math.min(60, wait * waiting.length) * 1000;
    if (!waiting.length || Date.now() + ms > deadline) {
      for (const b of waiting) out.set(b.line, 'not-sent');
      break;
    }
    Utilities.sleep(ms);
    pending = waiting;
  }
  return out;
}

const CHANGED_SINCE_IMPORT =
  'Déjà importée, mais la ligne a changé depuis : corrigez l’enregistrement depuis la barre latérale.';

/** The worker's refusal of a row, field by field when it names them. */
function refusal(req: ImportRequest, r: ImportRow, e: AddonError): string {
  if (e.code === 'IDEMPOTENCY_CONFLICT') return CHANGED_SINCE_IMPORT;
  if (!e.issues?.length) return e.message;
  return [
    ...new Set(e.issues.map((i) => describe(req.target, r, { field: i.path, message: i.message }))),
  ].join('\n');
}

/** A row's status once its POST is answered; a row definitively refused loses the id it was given. */
function statusOf(req: ImportRequest, r: ImportRow, v: Verdict, reply: Reply, s: Statuses): Status {
  if (reply === 'not-sent' || (!reply.ok && reply.error.code === 'NETWORK'))
    return { ok: false, message: s.notSent };
  if (reply.ok)
    return {
      ok: true,
      message: reply.status === 200 ? s.stored : v.ok && v.override ? s.createdOverride : s.created,
    };
  if (reply.error.code !== 'IDEMPOTENCY_CONFLICT') r.id = '';
  return { ok: false, message: refusal(req, r, reply.error) };
}

/** What the dry run announced for a row not sent. */
function unsent(v: Verdict, s: Statuses): Status {
  if (v.ok) return { ok: true, message: s.stored };
  return { ok: false, message: v.later ? s.notSent : v.message };
}

export function sendRows(
  req: ImportRequest,
  rows: ImportRow[],
  verdicts: Verdict[],
  s: Statuses,
  write: (done: Sent) => void,
): Sent {
  const deadline = Date.now() + SENDING_BUDGET_MS;
  const target = TARGET[req.target];
  const bodyOf = (r: ImportRow, v: Verdict) => ({
    ...r.body,
    id: r.id,
    ...(v.ok && v.override && req.override ? { override: req.override } : {}),
  });
  const going = (forced: boolean) =>
    rows.flatMap((r, i) => {
      const v = verdicts[i]!;
      const sends = v.ok && (!v.stored || v.resend) && Boolean(v.override) === forced;
      return sends ? [{ line: r.line, body: bodyOf(r, v) }] : [];
    });
  const replies = new Map([
    ...postAll(going(false), target.path, deadline),
    ...postAll(going(true), target.path, deadline),
  ]);
  const statuses = new Map(
    rows.map((r, i) => {
      const reply = replies.get(r.line);
      return [r.line, reply ? statusOf(req, r, verdicts[i]!, reply, s) : unsent(verdicts[i]!, s)] as const;
    }),
  );
  const done: Sent = { statuses };
  try {
    // The mirror reads its tabs first: every write after it goes out in one batch.
    withDocumentLock(() => {
      mirrorSaved(req, [...replies.values()]);
      write(done);
    });
  } catch (e) {
    console.error(`Import statuses not written: ${e instanceof Error ? e.message : String(e)}`);
    done.warning = LOCK_BUSY;
  }
  return done;
}

/** What the worker stored, mirrored into its tab, and the quotas it answered into Quotas and the cache. */
function mirrorSaved(req: ImportRequest, replies: Reply[]) {
  const saved: unknown[] = [];
  // Answers to concurrent writes: the most used figure of a quota is the latest.
  const latest = new Map<string, Quota>();
  for (const reply of replies) {
    if (reply === 'not-sent' || !reply.ok) continue;
    saved.push(reply.data.session ?? reply.data);
    const q = reply.data.quota as Quota | undefined;
    const key = q && `${q.key}|${q.subjectId}`;
    if (q && key && (latest.get(key)?.used ?? -1) < q.used) latest.set(key, q);
  }
  const quotas = [...latest.values()];
  mirrorTabs([job(TARGET[req.target].spec as never, saved as never[]), job(QUOTAS, quotas)], names());
  for (const quota of quotas) updateLists({ quota });
}
