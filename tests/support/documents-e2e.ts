// What the documents' Chromium tests share: a real worker (wrangler dev, local default) and a
// headless Chromium, and a territory seeded through the API the way consultants fill it in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { launchChromium } from './chromium';
import { apiClient, startLocalWorker } from './worker-process';

export const E2E_ADMIN = 'admin@ademe.example';
export const E2E_CONSULTANT = 'conseil@amo.example';

/** Starts the worker and Chromium together; `close` stops both and removes the profile. */
export async function startDocumentsE2E(name: string) {
  const profile = mkdtempSync(join(tmpdir(), `${name}-`));
  const [worker, browser] = await Promise.all([startLocalWorker(E2E_ADMIN), launchChromium(profile)]);
  const api = apiClient(worker.base, E2E_ADMIN);
  const consultant = apiClient(worker.base, E2E_CONSULTANT);
  await api('POST', '/v1/members', { email: E2E_CONSULTANT, role: 'consultant' });
  return {
    worker,
    browser,
    api,
    consultant,
    async close() {
      await browser.close();
      await worker.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

let seq = 0;
export const e2eId = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq++}`;

type Api = ReturnType<typeof apiClient>;

/** Runs writes a few at a time: `wrangler dev` is one local process. */
export async function inBatches(jobs: (() => Promise<{ status: number; body: unknown }>)[], size = 8) {
  for (let i = 0; i < jobs.length; i += size) {
    for (const r of await Promise.all(jobs.slice(i, i + size).map((j) => j())))
      expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
  }
}

/** Sentences of about `n` characters starting with `seed`. */
export const repeatText = (
  n: number,
  seed: string,
  sentence = ' : les usagers adoptent les vélos cargos pour leurs trajets quotidiens. ',
) => `${seed}${sentence}`.repeat(Math.ceil(n / (seed.length + sentence.length))).slice(0, n);

export interface TerritorySize {
  partners: number;
  sessions: number;
  blockers: number;
  indicators: number;
  chars: number;
  /** Appended to every kind of user text (markup in the injection test). */
  marker?: string;
  /** The prose every long field is made of. */
  text?: (n: number, seed: string) => string;
}

/** The stress territory: 3 partners, 5,000-character texts, 40 blockers, 60 sessions. */
export const STRESS: TerritorySize = { partners: 3, sessions: 60, blockers: 40, indicators: 50, chars: 5000 };

/** A territory with `size` of everything, written through the API (admin and consultant). */
export async function seedTerritory(api: Api, name: string, insee: string, size: TerritorySize) {
  const m = size.marker ?? '';
  const text = size.text ?? repeatText;
  const t = await api('POST', '/v1/territories', {
    id: e2eId('t'),
    name: `${name} ${m}`,
    legalForm: 'ca',
    centralCityInsee: insee,
    consultants: [E2E_CONSULTANT],
  });
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  const id = t.body.id as string;
  const partners: string[] = [];
  for (let i = 0; i < size.partners; i++) {
    const p = await api('POST', `/v1/territories/${id}/partners`, {
      id: e2eId('p'),
      name: `Partenaire ${i + 1} ${m}`,
      kind: 'logistics',
      useCase: { category: 'last-mile-logistics', description: text(size.chars, `Cas d’usage ${m}`) },
      vehicles: [`Triporteur ${m}`],
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    partners.push(p.body.id);
  }
  const a = await api('PUT', `/v1/territories/${id}/assessment`, {
    findings: text(size.chars, `Constat ${m}`),
    stakes: text(size.chars, `Enjeu ${m}`),
    recommendations: text(size.chars, `Recommandation ${m}`),
  });
  expect(a.status).toBe(200);
  await inBatches(recordWrites(api, id, partners, size));
  return { id, partners };
}

function recordWrites(api: Api, id: string, partners: string[], size: TerritorySize) {
  const m = size.marker ?? '';
  const text = size.text ?? repeatText;
  const writes: (() => Promise<{ status: number; body: unknown }>)[] = [];
  for (let i = 0; i < size.sessions; i++) {
    writes.push(() =>
      api('POST', '/v1/sessions', {
        id: e2eId('s'),
        kind: 'diagnostic',
        territoryId: id,
        date: `2025-${String((i % 11) + 2).padStart(2, '0')}-15`,
        durationMinutes: 60,
        mode: 'remote',
        participants: 2,
        summary: text(size.chars, `Séance ${m}`),
        override: { reason: 'Territoire très actif (test de volume)' },
      }),
    );
  }
  const statuses = ['open', 'in-progress', 'resolved', 'abandoned'];
  for (let i = 0; i < size.blockers; i++) {
    writes.push(() =>
      api('POST', '/v1/blockers', {
        id: e2eId('b'),
        territoryId: id,
        category: ['cost', 'parking', 'regulation', 'infrastructure'][i % 4],
        title: `Verrou ${i + 1} ${m}`,
        description: text(size.chars, `Verrou ${m}`),
        owner: 'partner',
        status: statuses[i % 4],
        solution: text(size.chars, `Solution ${m}`),
      }),
    );
  }
  for (let i = 0; i < size.indicators; i++) {
    const code = ['km', 'usage-rate', 'users', 'trips', 'custom'][i % 5];
    const month = String((i % 11) + 2).padStart(2, '0');
    writes.push(() =>
      api('POST', '/v1/indicators', {
        id: e2eId('i'),
        territoryId: id,
        partnerId: partners[i % partners.length],
        indicator: code,
        label: code === 'custom' ? `Indicateur ${m}` : undefined,
        unit: code === 'usage-rate' ? '%' : 'u',
        periodStart: `2025-${month}-01`,
        periodEnd: `2025-${month}-28`,
        value: code === 'usage-rate' ? 60 : 500 + i,
      }),
    );
  }
  return writes;
}
