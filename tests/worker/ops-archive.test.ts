import { applyD1Migrations, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { counts } from './helpers';
import { callOn, richRecord, TRICKY } from './ops-support';

const live = {};
const spare = () => ({ DB: env.SPARE_DB });
let archive = '';

const lines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
const sha256 = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
const put = (key: string, text: string) => env.BACKUPS.put(key, text);
const tableCount = async (db: D1Database, table: string) =>
  (await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? -1;

beforeAll(async () => {
  await richRecord();
  await applyD1Migrations(env.SPARE_DB, env.TEST_MIGRATIONS);
  const res = await callOn(live, 'GET', '/v1/export/archive');
  expect(res.status).toBe(200);
  archive = res.text;
});

describe('the archive: every table as JSON Lines, with a manifest', () => {
  it('is JSON Lines with a header, each table with its columns, rows, count and SHA-256, then the manifest', async () => {
    const all = lines(archive);
    const header = all[0];
    expect(header).toMatchObject({ archive: 'veli-velo', format: 1, schemaVersion: '0015_operations.sql' });
    expect(header.tables).toEqual(
      expect.arrayContaining([
        'members',
        'programme',
        'territories',
        'partners',
        'sessions',
        'audit',
        'alerts',
        'check_runs',
        'documents',
      ]),
    );
    // Operational state is not the record.
    for (const t of ['d1_migrations', 'rate_limits', 'quota_usage', 'restores', 'layout_calibration'])
      expect(header.tables).not.toContain(t);
    // A table comes after those it references.
    expect(header.tables.indexOf('territories')).toBeLessThan(header.tables.indexOf('partners'));
    expect(header.tables.indexOf('partners')).toBeLessThan(header.tables.indexOf('sessions'));
    const { manifest } = all.at(-1);
    expect(manifest.schemaVersion).toBe('0015_operations.sql');
    // Each table's SHA-256 is that of its row lines as written; its count, the database's.
    const text = archive.split('\n');
    for (const t of header.tables as string[]) {
      const start = text.findIndex((l) => l.startsWith(`{"table":${JSON.stringify(t)},`));
      const end = text.findIndex((l) => l.startsWith(`{"end":${JSON.stringify(t)},`));
      const rows = text.slice(start + 1, end);
      expect(manifest.tables[t].count).toBe(rows.length);
      expect(manifest.tables[t].sha256).toBe(await sha256(rows.map((r) => `${r}\n`).join('')));
    }
    expect(manifest.tables.sessions.count).toBe(await tableCount(env.DB, 'sessions'));
    // Personal data and formula-looking text are kept as written.
    expect(archive).toContain('anais.lefevre@albi.example');
    const sessionColumns = all.find((l) => l.table === 'sessions').columns as string[];
    const summaries = text
      .slice(text.findIndex((l) => l.startsWith('{"table":"sessions",')) + 1)
      .filter((l) => l.startsWith('['))
      .map((l) => JSON.parse(JSON.parse(l)[sessionColumns.indexOf('data')]).summary);
    expect(summaries).toEqual(expect.arrayContaining([TRICKY.formula, TRICKY.unicode, TRICKY.at]));
    expect(archive).toContain('🚲');
  });

  it('is refused to a viewer (admins only) and says so in French', async () => {
    await callOn(live, 'POST', '/v1/members', { body: { email: 'lectrice@ademe.example', role: 'viewer' } });
    const res = await callOn(live, 'GET', '/v1/export/archive', { as: 'lectrice@ademe.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/administrateurs ADEME/);
  });
});

describe('restore: only into an empty database; export → restore → export gives the same bytes', () => {
  it('refuses a non-empty database (409) and writes nothing; check-only reads it through anywhere', async () => {
    await put('archives/ok.jsonl', archive);
    const before = await counts();
    const res = await callOn(live, 'POST', '/v1/admin/restore', { body: { object: 'archives/ok.jsonl' } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/base contient déjà des données/);
    expect(await counts()).toEqual(before);
    const check = await callOn(live, 'POST', '/v1/admin/restore', {
      body: { object: 'archives/ok.jsonl', check: true },
    });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({
      checkOnly: true,
      schemaVersion: '0015_operations.sql',
      sha256: await sha256(archive),
    });
    expect(check.body.tables.sessions).toBe(before.sessions);
    expect(await counts()).toEqual(before);
  });
});

describe('restore refuses what it cannot restore whole', () => {
  it('refuses a damaged, truncated or other-schema archive before writing anything', async () => {
    const damaged = archive.replace('Anaïs', 'Anais');
    const truncated = archive.split('\n').slice(0, -3).join('\n');
    const other = archive.replace(
      '"schemaVersion":"0015_operations.sql"',
      '"schemaVersion":"0099_future.sql"',
    );
    for (const [key, text, why] of [
      ['archives/damaged.jsonl', damaged, /incomplète ou modifiée/],
      ['archives/truncated.jsonl', truncated, /tronquée|incomplète/],
      ['archives/other.jsonl', other, /schéma 0099_future\.sql/],
    ] as const) {
      await put(key, text);
      const res = await callOn(spare(), 'POST', '/v1/admin/restore', { body: { object: key } });
      expect(res.status, key).toBe(400);
      expect(res.body.error.message).toMatch(why);
      expect(await tableCount(env.SPARE_DB, 'territories')).toBe(0);
      expect(await tableCount(env.SPARE_DB, 'audit')).toBe(0);
    }
    const missing = await callOn(spare(), 'POST', '/v1/admin/restore', {
      body: { object: 'archives/none.jsonl' },
    });
    expect(missing.status).toBe(404);
  });
});

describe('restore: what goes wrong leaves the database as it was', () => {
  it('a restore that fails midway leaves the database empty again (audit included)', async () => {
    // Whole and well-formed, but two sessions share an id: the insert fails after the tables before it.
    const text = archive.split('\n');
    const start = text.findIndex((l) => l.startsWith('{"table":"sessions",'));
    const end = text.findIndex((l) => l.startsWith('{"end":"sessions",'));
    const rows = [...text.slice(start + 1, end), text[start + 1]!];
    const summary = { count: rows.length, sha256: await sha256(rows.map((r) => `${r}\n`).join('')) };
    const all = lines(archive);
    const manifest = all.at(-1).manifest;
    manifest.tables.sessions = summary;
    const broken = [
      ...text.slice(0, start + 1),
      ...rows,
      JSON.stringify({ end: 'sessions', ...summary }),
      ...text.slice(end + 1, -2),
      JSON.stringify({ manifest }),
      '',
    ].join('\n');
    await put('archives/duplicate.jsonl', broken);
    const res = await callOn(spare(), 'POST', '/v1/admin/restore', {
      body: { object: 'archives/duplicate.jsonl' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/vidée à nouveau/);
    for (const t of ['members', 'territories', 'partners', 'sessions', 'audit', 'quota_usage'])
      expect(await tableCount(env.SPARE_DB, t), t).toBe(0);
    const run = await env.SPARE_DB.prepare('SELECT ok, error FROM restores ORDER BY started_at DESC').first<{
      ok: number;
      error: string;
    }>();
    expect(run?.ok).toBe(0);
  });
});

describe('restore into an empty database: export → restore → export gives the same bytes', () => {
  it('restores into an empty database, and exporting it again gives the same bytes', async () => {
    const res = await callOn(spare(), 'POST', '/v1/admin/restore', { body: { object: 'archives/ok.jsonl' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.checkOnly).toBe(false);
    const again = await callOn(spare(), 'GET', '/v1/export/archive');
    expect(again.status).toBe(200);
    expect(again.text === archive).toBe(true);
    // The restored database works: quotas counted again from the sessions by the triggers.
    const live = await env.DB.prepare(
      'SELECT kind, subject, sessions, minutes FROM quota_usage WHERE sessions > 0 ORDER BY 1, 2',
    ).all();
    const restored = await env.SPARE_DB.prepare(
      'SELECT kind, subject, sessions, minutes FROM quota_usage WHERE sessions > 0 ORDER BY 1, 2',
    ).all();
    expect(restored.results).toEqual(live.results);
    const territories = await callOn(spare(), 'GET', '/v1/territories');
    expect(territories.status).toBe(200);
    expect(territories.text).toContain('Anaïs Lefèvre');
    // Restoring twice is refused: the database is no longer empty.
    const twice = await callOn(spare(), 'POST', '/v1/admin/restore', {
      body: { object: 'archives/ok.jsonl' },
    });
    expect(twice.status).toBe(409);
  });
});
