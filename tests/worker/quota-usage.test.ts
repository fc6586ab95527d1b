import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { QUOTA_RULES, subjectOf } from '../../shared/quotas/rules';
import { SESSION_KINDS } from '../../shared/schemas';
import migration0007 from '../../worker/migrations/0007_versions_and_quota_subject.sql?raw';
import { session } from './bodies';
import { call, makePartner, makeTerritory } from './helpers';

const OVERRIDE = { reason: 'Contrôle du compteur de quotas.' };

/** Recounts from the sessions themselves, the way the triggers are meant to keep it. */
async function recount(kind: string, subject: string) {
  const rule = QUOTA_RULES[kind as keyof typeof QUOTA_RULES];
  const column =
    rule.scope === 'territory'
      ? 'territory_id'
      : rule.scope === 'partner'
        ? 'partner_id'
        : rule.perMonth
          ? 'month'
          : "'programme'";
  return env.DB.prepare(
    `SELECT COUNT(*) AS sessions, COALESCE(SUM(duration_minutes), 0) AS minutes FROM sessions
     WHERE deleted_at IS NULL AND kind = ? AND ${column} = ?`,
  )
    .bind(kind, subject)
    .first<{ sessions: number; minutes: number }>();
}

describe('quota_usage, kept by triggers on sessions', () => {
  it('files every session kind under the subject shared/quotas/rules.ts gives it, and frees it on delete', async () => {
    const { territory } = await makeTerritory();
    const partner = await makePartner(territory.id);
    for (const kind of SESSION_KINDS) {
      const rule = QUOTA_RULES[kind];
      const body = session({
        kind,
        date: '2025-07-08',
        durationMinutes: 45,
        territoryId: rule.needsTerritory ? territory.id : undefined,
        partnerId: rule.scope === 'partner' ? partner.id : undefined,
        override: OVERRIDE,
      });
      const res = await call('POST', '/v1/sessions', { body });
      expect(res.status, `${kind} ${JSON.stringify(res.body)}`).toBe(201);
      const subject = subjectOf(rule, {
        territoryId: territory.id,
        partnerId: partner.id,
        date: '2025-07-08',
      });
      expect(res.body.quota.subjectId, kind).toBe(subject);
      const row = await env.DB.prepare(
        'SELECT sessions, minutes FROM quota_usage WHERE kind = ? AND subject = ?',
      )
        .bind(kind, subject)
        .first();
      expect(row, kind).toEqual(await recount(kind, subject));
      const counted = row as { sessions: number; minutes: number };
      const del = await call('DELETE', `/v1/sessions/${res.body.session.id}`);
      expect(del.status).toBe(200);
      const after = await env.DB.prepare(
        'SELECT sessions, minutes FROM quota_usage WHERE kind = ? AND subject = ?',
      )
        .bind(kind, subject)
        .first();
      expect(after, kind).toEqual(await recount(kind, subject));
      // The delete frees exactly this session, whatever earlier kinds left under the subject.
      expect(after, kind).toEqual({ sessions: counted.sessions - 1, minutes: counted.minutes - 45 });
    }
  });
});

describe('quota_usage — never drifts', () => {
  it('never drifts from the sessions after many writes, refusals and deletes', async () => {
    const { territory, consultant } = await makeTerritory();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await call('POST', '/v1/sessions', {
        as: consultant,
        body: session({ kind: 'collective-support', territoryId: territory.id, durationMinutes: 60 + i }),
      });
      if (res.status === 201) ids.push(res.body.session.id);
    }
    expect(ids).toHaveLength(5);
    await call('DELETE', `/v1/sessions/${ids[0]}`);
    await call('DELETE', `/v1/sessions/${ids[3]}`);
    const row = await env.DB.prepare(
      "SELECT sessions, minutes FROM quota_usage WHERE kind = 'collective-support' AND subject = ?",
    )
      .bind(territory.id)
      .first();
    expect(row).toEqual(await recount('collective-support', territory.id));
    expect(row).toMatchObject({ sessions: 3 });
  });
});

describe('quota_usage — sessions logged before migration 0007, and sessions without a subject', () => {
  it('migration 0007 gave sessions logged before it the subject shared/quotas/rules.ts gives them', async () => {
    const { territory } = await makeTerritory();
    const partner = await makePartner(territory.id);
    const fill = /UPDATE sessions SET quota_subject = CASE[\s\S]*?END;/.exec(migration0007)?.[0];
    expect(fill).toBeDefined();
    const insert = env.DB.prepare(
      `INSERT INTO sessions (id, kind, territory_id, partner_id, date, month, duration_minutes, data, body_hash,
         created_at, created_by, deleted_at)
       VALUES (?, ?, ?, ?, '2025-07-08', '2025-07', 60, '{}', 'x', 'x', 'x', 'old')`,
    );
    // Rows as they were before the migration: no subject (deleted, so no trigger counts them).
    const ids = SESSION_KINDS.map((kind) => `before-0007-${kind}-${crypto.randomUUID()}`);
    await env.DB.batch(
      SESSION_KINDS.map((kind, i) =>
        insert.bind(ids[i], kind, territory.id, QUOTA_RULES[kind].scope === 'partner' ? partner.id : null),
      ),
    );
    await env.DB.prepare(fill!).run();
    for (const [i, kind] of SESSION_KINDS.entries()) {
      const row = await env.DB.prepare('SELECT quota_subject FROM sessions WHERE id = ?')
        .bind(ids[i])
        .first();
      const expected = subjectOf(QUOTA_RULES[kind], {
        territoryId: territory.id,
        partnerId: QUOTA_RULES[kind].scope === 'partner' ? partner.id : null,
        date: '2025-07-08',
      });
      expect(row, kind).toEqual({ quota_subject: expected });
    }
  });

  it('a live session without its subject cannot be stored uncounted', async () => {
    const { territory } = await makeTerritory();
    const insert = env.DB.prepare(
      `INSERT INTO sessions (id, kind, territory_id, date, month, duration_minutes, data, body_hash, created_at, created_by)
       VALUES (?, 'diagnostic', ?, '2025-07-08', '2025-07', 60, '{}', 'x', 'x', 'x')`,
    ).bind(crypto.randomUUID(), territory.id);
    await expect(insert.run()).rejects.toThrow(/NOT NULL constraint failed: quota_usage.subject/);
  });
});
