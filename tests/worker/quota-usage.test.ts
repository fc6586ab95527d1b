import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { QUOTA_RULES, subjectOf } from '../../shared/quotas/rules';
import { SESSION_KINDS } from '../../shared/schemas';
import { call, makePartner, makeTerritory, session } from './helpers';

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
