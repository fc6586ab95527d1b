import { env } from 'cloudflare:test';
import { app } from '../../worker/app';
import { RECORD_TABLES } from '../../worker/db/records';

export const ADMIN = 'admin@ademe.example';
/** Every table a write may touch: what `counts()` compares before and after a refused write. */
const TABLES = ['members', 'programme', ...RECORD_TABLES, 'audit'] as const;

export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are JSON of many shapes; tests assert on them field by field.
  body: any;
}

/** One request through the real app, inside workerd, against the real D1 of this test file. */
export async function call(
  method: string,
  path: string,
  opts: {
    as?: string | null | undefined;
    body?: unknown;
    raw?: string | undefined;
    headers?: Record<string, string> | undefined;
  } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const as = opts.as === undefined ? ADMIN : opts.as;
  if (as) headers['x-dev-user'] = as;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await app.request(path, { method, headers, body: body ?? null }, env);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

let seq = 0;
export const uid = (prefix = 'id') =>
  `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The programme's settings as PUT /v1/programme takes them (the assessment has its own route). */
export async function programme() {
  const { body } = await call('GET', '/v1/programme');
  const { assessment: _a, ...settings } = body;
  return settings;
}

export async function putProgramme(settings: Record<string, unknown>) {
  const res = await call('PUT', '/v1/programme', { body: settings });
  if (res.status !== 200) throw new Error(`programme update failed: ${JSON.stringify(res.body)}`);
}

/** Makes room for `n` more territories whatever earlier tests of this file created. */
export async function roomForTerritories(n: number) {
  const settings = await programme();
  const count =
    (await env.DB.prepare('SELECT COUNT(*) AS n FROM territories').first<{ n: number }>())?.n ?? 0;
  if (count + n > settings.maxTerritories) await putProgramme({ ...settings, maxTerritories: count + n });
}

/** A workshop number no earlier test of this file used, the programme's workshop quota raised to hold it. */
export async function freeWorkshopNumber() {
  const row = await env.DB.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM workshops').first<{
    n: number;
  }>();
  const number = Number(row?.n ?? 1);
  const settings = await programme();
  if (settings.quotas.workshopsTotal < number)
    await putProgramme({ ...settings, quotas: { ...settings.quotas, workshopsTotal: number + 99 } });
  return number;
}

export async function makeTerritory(overrides: Record<string, unknown> = {}) {
  await roomForTerritories(1);
  const consultant = `${uid('c')}@amo.example`;
  const res = await call('POST', '/v1/territories', {
    body: {
      name: `Territoire ${uid('t')}`,
      legalForm: 'ca',
      centralCityInsee: '81004',
      consultants: [consultant],
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`territory failed: ${JSON.stringify(res.body)}`);
  await call('POST', '/v1/members', { body: { email: consultant, role: 'consultant' } });
  return { territory: res.body, consultant };
}

export async function makePartner(territoryId: string, overrides: Record<string, unknown> = {}) {
  const res = await call('POST', `/v1/territories/${territoryId}/partners`, {
    body: {
      name: `Partenaire ${uid('p')}`,
      kind: 'company',
      useCase: { category: 'commute', description: 'Vélos cargos pour les trajets domicile-travail.' },
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`partner failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A fresh territory, its consultant and one partner of it. */
export async function makeTerritoryWithPartner(overrides: Record<string, unknown> = {}) {
  const { territory, consultant } = await makeTerritory(overrides);
  return { territory, consultant, partner: await makePartner(territory.id) };
}

export async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    out[t] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`).first<{ n: number }>())?.n ?? 0;
  }
  return out;
}
