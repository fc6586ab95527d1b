import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { archiveKey } from '../../worker/export/backup';
import { call } from './helpers';
import { runCheck } from './nightly-support';
import { callOn, richRecord } from './ops-support';
import { plain } from './plain';

const keys = async () => (await env.BACKUPS.list({ prefix: '' })).objects.map((o) => o.key).sort();

describe('the nightly run writes the archive to R2 and keeps 30 days', () => {
  it('writes the whole record as an archive, names it in the run log, and prunes what is past 30 days', async () => {
    await richRecord();
    const at = new Date('2025-05-05T01:30:00Z');
    const old = archiveKey(new Date('2025-04-04T01:30:00Z'));
    const kept = archiveKey(new Date('2025-04-05T01:30:00Z'));
    const other = 'notes/readme.txt';
    for (const k of [old, kept, other]) await env.BACKUPS.put(k, 'older');

    const run = await runCheck('2025-05-05', {}, { trigger: 'cron', at });
    expect(run.ok, run.error ?? '').toBe(true);
    expect(run.backupKey).toBe('archives/veli-velo-2025-05-05T013000Z.jsonl');
    expect(await keys()).toEqual([kept, run.backupKey, other].sort());

    // The object is a whole archive: the restore's check reads it through (counts and SHA-256).
    const check = await callOn({}, 'POST', '/v1/admin/restore', {
      body: { object: run.backupKey, check: true },
    });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    const territories = await env.DB.prepare('SELECT COUNT(*) AS n FROM territories').first<{ n: number }>();
    expect(check.body.tables.territories).toBe(territories?.n);
    const object = await env.BACKUPS.get(run.backupKey!);
    expect(object?.httpMetadata?.contentType).toBe('application/x-ndjson; charset=utf-8');

    // GET /v1/alerts shows the last run and the object it wrote.
    const alerts = await call('GET', '/v1/alerts');
    expect(alerts.body.lastRun.backupKey).toBe(run.backupKey);
  });

  it('a manual run writes no archive; a run without the bucket says so and keeps its alerts', async () => {
    const before = await keys();
    const manual = await runCheck('2025-05-06');
    expect(manual.backupKey).toBeNull();
    expect(await keys()).toEqual(before);
    const unbound = await runCheck(
      '2025-05-07',
      { BACKUPS: undefined as unknown as R2Bucket },
      { trigger: 'cron', at: new Date('2025-05-07T01:30:00Z') },
    );
    expect(unbound.ok).toBe(false);
    expect(plain(unbound.error ?? '')).toMatch(/Sauvegarde impossible : le compartiment R2 « BACKUPS »/);
    expect(unbound.alerts).not.toBeNull();
  });
});
