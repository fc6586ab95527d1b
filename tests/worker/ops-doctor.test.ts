import { applyD1Migrations, env as baseEnv } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DoctorAnswer } from '../../shared/api/admin';
import { SUMMARY_MAX_PAGES } from '../../worker/documents/budget';
import { publishToDrive } from '../../worker/documents/publish';
import type { Env } from '../../worker/env';
import { archiveKey } from '../../worker/export/backup';
import { Docs, docsOptions } from '../../worker/google/docs';
import { Drive, driveOptions, SERVICE_ACCOUNT_DRIVE_SCOPE } from '../../worker/google/drive';
import { serviceAccountToken } from '../../worker/google/service-account';
import { runDoctor } from '../../worker/ops/doctor';
import type { LoggedCall, StoredFile } from './fake-google-wire';
import { ADMIN, call, uid } from './helpers';
import { plain } from './plain';

// The doctor against the Google stand-in (tests/support/fake-google.ts: token, Drive, Docs,
// Sheets values) and Miniflare's D1 and R2: green on a good setup, each check red for its own
// fault, with a French fix. Google itself is never reached.
const env = baseEnv as typeof baseEnv &
  Env & { GOOGLE_TOKEN_URL: string; GOOGLE_SERVICE_ACCOUNT_KEY: string };
const base = env.GOOGLE_TOKEN_URL.replace(/\/token$/, '');
const googleCalls = async () =>
  ((await (await fetch(`${base}/__log`)).json()) as { calls: LoggedCall[] }).calls;

/** A deployment set up as the README's runbook says, with its own service account (no cached token). */
function goodEnv(over: Partial<Env> = {}): Env {
  const key = JSON.parse(env.GOOGLE_SERVICE_ACCOUNT_KEY);
  return {
    ...env,
    AUTH_MODE: 'google',
    GOOGLE_CLIENT_ID: '1234-abcd.apps.googleusercontent.com',
    ADMIN_EMAILS: ADMIN,
    GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify({
      ...key,
      client_email: `${uid('sa')}@veli-velo-test.iam.gserviceaccount.com`,
    }),
    DOCUMENT_LINK_SECRET: 'secret-de-test',
    PUBLIC_URL: 'https://veli-velo-worker.ademe.workers.dev',
    ALERTS_SPREADSHEET_ID: `alerts-${uid()}`,
    ALERT_SENDER: 'alertes@veli-velo.ademe.example',
    ALERT_EMAILS: 'pilotage@ademe.example',
    REMINDER_SENDER: 'rappels@veli-velo.ademe.example',
    CORS_ORIGINS: '',
    ...over,
  };
}
const red = (a: DoctorAnswer) => a.checks.filter((c) => !c.ok).map((c) => c.name);
const check = (a: DoctorAnswer, name: string) => a.checks.find((c) => c.name === name)!;

beforeAll(async () => {
  await applyD1Migrations(env.SPARE_DB, env.TEST_MIGRATIONS.slice(0, -1));
});

describe('the doctor: every check green on a good setup', () => {
  it('checks everything, runs the probe document through Drive and Docs, and stores the layout ratio', async () => {
    const answer = await runDoctor(goodEnv(), ADMIN);
    expect(red(answer), JSON.stringify(answer.checks, null, 1)).toEqual([]);
    expect(answer.ok).toBe(true);
    expect(answer.checks.map((c) => c.name)).toEqual([
      'database',
      'auth',
      'secrets',
      'variables',
      'service-account',
      'shared-drive',
      'alerts-spreadsheet',
      'cron',
      'public-url-cors',
      'email',
      'reminders',
      'backups',
    ]);
    // The probe: created in the Shared Drive folder, page set, exported to PDF, then trashed.
    const calls = (await googleCalls()).filter((c) =>
      ['create', 'page-setup', 'export', 'trash'].includes(c.kind),
    );
    const probe = calls.filter((c) => c.kind === 'create').at(-1)!;
    expect(probe.metadata?.parents).toEqual([env.DRIVE_FOLDER_ID]);
    const id = calls.at(-1)!.path.split('/').at(-1)!;
    expect(calls.slice(-3).map((c) => c.kind)).toEqual(['page-setup', 'export', 'trash']);
    const file = (await (await fetch(`${base}/__files/${id}`)).json()) as StoredFile;
    expect(file.trashed).toBe(true);
    // Google's pages ÷ the estimate, stored for the fitter.
    const stored = await env.DB.prepare('SELECT * FROM layout_calibration').first<Record<string, number>>();
    expect(stored?.ratio).toBe(answer.layoutRatio);
    expect(stored?.ratio).toBeCloseTo(Number(stored?.google_pages) / Number(stored?.estimated_pages), 2);
    expect(plain(check(answer, 'shared-drive').detail)).toMatch(
      /\d+ pages? chez Google, \d+ estimées? ici, rapport \d+(,\d+)?\) puis mis à la corbeille/,
    );
  });

  it('answers GET /v1/admin/doctor to admins only (here in dev mode: the auth check says so)', async () => {
    const res = await call('GET', '/v1/admin/doctor');
    expect(res.status).toBe(200);
    expect(check(res.body, 'auth')).toMatchObject({ ok: false });
    expect(plain(check(res.body, 'auth').fix!)).toMatch(/AUTH_MODE = "google"/);
    await call('POST', '/v1/members', { body: { email: 'lecteur-doc@ademe.example', role: 'viewer' } });
    expect((await call('GET', '/v1/admin/doctor', { as: 'lecteur-doc@ademe.example' })).status).toBe(403);
  });
});

describe('the doctor: each check red for its own fault, with how to fix it in French', () => {
  const cases: [string, () => Promise<Env> | Env, RegExp][] = [
    ['database', () => goodEnv({ DB: env.SPARE_DB }), /npx wrangler d1 migrations apply DB --remote/],
    ['auth', () => goodEnv({ AUTH_MODE: 'dev' }), /AUTH_MODE = "google"/],
    ['secrets', () => goodEnv({ DOCUMENT_LINK_SECRET: '' }), /npx wrangler secret put DOCUMENT_LINK_SECRET/],
    ['variables', () => goodEnv({ ALERTS_SPREADSHEET_ID: '' }), /wrangler\.toml/],
    [
      'shared-drive',
      () => goodEnv({ DRIVE_FOLDER_ID: 'folder-nobody-shared' }),
      /« Gestionnaire de contenu » du Drive partagé/,
    ],
    [
      'alerts-spreadsheet',
      () => goodEnv({ ALERTS_SPREADSHEET_ID: `not-shared-${uid()}` }),
      /Partager ▸ ajoutez .+ en « Éditeur »/,
    ],
    ['public-url-cors', () => goodEnv({ CORS_ORIGINS: '*' }), /jamais « \* »/],
    ['email', () => goodEnv({ ALERT_EMAILS: '' }), /ALERT_SENDER/],
    ['reminders', () => goodEnv({ REMINDER_SENDER: 'rappels@' }), /Corrigez REMINDER_SENDER/],
    [
      'backups',
      () => goodEnv({ BACKUPS: undefined as unknown as R2Bucket }),
      /npx wrangler r2 bucket create veli-velo-backups/,
    ],
  ];
  for (const [name, setup, fix] of cases) {
    it(`${name}`, async () => {
      const answer = await runDoctor(await setup(), ADMIN);
      const failing = red(answer);
      // The database behind makes nothing else red; every other fault only its own check.
      expect(failing, JSON.stringify(answer.checks, null, 1)).toEqual(
        name === 'variables' ? ['variables', 'alerts-spreadsheet'] : [name],
      );
      expect(answer.ok).toBe(false);
      expect(plain(check(answer, name).fix ?? '')).toMatch(fix);
      expect(check(answer, name).detail.length).toBeGreaterThan(10);
    });
  }
});

describe('the doctor: faults that show over time or through another check', () => {
  it('service-account: an unusable key, and the Google checks that need it say they were not verified', async () => {
    const answer = await runDoctor(
      goodEnv({ GOOGLE_SERVICE_ACCOUNT_KEY: '{"client_email":"x@y.z","private_key":"pas une clé"}' }),
      ADMIN,
    );
    expect(red(answer)).toEqual(['service-account', 'shared-drive', 'alerts-spreadsheet']);
    expect(plain(check(answer, 'service-account').fix!)).toMatch(
      /npx wrangler secret put GOOGLE_SERVICE_ACCOUNT_KEY/,
    );
  });

  it('cron: a nightly run that stopped, or that failed', async () => {
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await env.DB.prepare(
      "INSERT INTO check_runs (id, trigger, started_at, finished_at, ok) VALUES (?, 'cron', ?, ?, 1)",
    )
      .bind(uid(), old, old)
      .run();
    expect(red(await runDoctor(goodEnv(), ADMIN))).toEqual(['cron']);
    const now = new Date().toISOString();
    const later = new Date(Date.now() + 1000).toISOString();
    await env.DB.prepare(
      "INSERT INTO check_runs (id, trigger, started_at, finished_at, ok, error) VALUES (?, 'cron', ?, ?, 0, 'Écriture impossible')",
    )
      .bind(uid(), now, now)
      .run();
    const failed = await runDoctor(goodEnv(), ADMIN);
    expect(red(failed)).toEqual(['cron']);
    expect(plain(check(failed, 'cron').detail)).toMatch(/a échoué : Écriture impossible/);
    await env.DB.prepare(
      "INSERT INTO check_runs (id, trigger, started_at, finished_at, ok) VALUES (?, 'cron', ?, ?, 1)",
    )
      .bind(uid(), later, later)
      .run();
    expect(red(await runDoctor(goodEnv(), ADMIN))).toEqual([]);
  });

  it('backups: the last archive is more than a night old', async () => {
    await env.BACKUPS.put(archiveKey(new Date(Date.now() - 3 * 86_400_000)), 'ancienne');
    const answer = await runDoctor(goodEnv(), ADMIN);
    expect(red(answer)).toEqual(['backups']);
  });
});

describe('the fitter learns Google’s layout from the probe', () => {
  it('aims under the page limit divided by the stored ratio on the first upload', async () => {
    const token = (await serviceAccountToken(goodEnv(), [SERVICE_ACCOUNT_DRIVE_SCOPE])) ?? '';
    const asked: (number | undefined)[] = [];
    const doc = (await import('../../worker/ops/probe-document')).probeDocument('2026-01-05', ADMIN);
    const compose = (_from: number, max?: number) => {
      asked.push(max);
      return { doc, level: 0, estimatedPages: 2, fits: true };
    };
    const opts = { name: () => uid('doc'), previous: null, folderId: env.DRIVE_FOLDER_ID, limited: true };
    const drive = new Drive(driveOptions(env, token));
    const docs = new Docs(docsOptions(env, token));
    await publishToDrive(drive, docs, compose, { ...opts, layoutRatio: 1.5 });
    expect(asked[0]).toBe(Math.floor(SUMMARY_MAX_PAGES / 1.5));
    asked.length = 0;
    await publishToDrive(drive, docs, compose, { ...opts, layoutRatio: null });
    expect(asked[0]).toBeUndefined();
  });
});
