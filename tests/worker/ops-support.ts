// A record with something of everything, written through the API as people would: unicode,
// text that a spreadsheet would take for a formula, personal data, decimals, a soft delete, an
// override, alerts. The export and restore tests read it back.
import { env } from 'cloudflare:test';
import { app } from '../../worker/app';
import type { Env } from '../../worker/env';
import { runNightlyCheck } from '../../worker/nightly/check';
import { action, blocker, indicator, session, workshop } from './bodies';
import { ADMIN, call, freeWorkshopNumber, makePartner, makeTerritory } from './helpers';

export const TRICKY = {
  formula: '=HYPERLINK("http://evil.example";"clic")',
  plus: '+33 6 12 34 56 78 appelé',
  minus: '-5 % de trajets en voiture',
  at: '@mairie : relancer',
  unicode: 'Vélos cargos à Albi — œuvre « collective » ; “guillemets” 🚲\nligne deux',
  quote: 'Il a dit "oui" ; puis « non »',
};

// biome-ignore lint/suspicious/noExplicitAny: created records of several shapes; the caller reads the fields it needs.
async function ok<T = any>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const res = await p;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Territory, partner, sessions (one deleted, one overridden), blocker, indicator, workshop, action, alerts. */
export async function richRecord() {
  const { territory, consultant } = await makeTerritory({
    contacts: [
      {
        name: 'Anaïs Lefèvre',
        role: 'Cheffe de projet mobilité',
        email: 'anais.lefevre@albi.example',
        phone: '+33 5 63 00 00 00',
      },
      { name: TRICKY.formula, role: TRICKY.at },
    ],
  });
  const partner = await makePartner(territory.id, { name: `Boulangerie ${TRICKY.quote}` });
  await journal(territory.id, consultant);
  await records(territory.id, partner.id, consultant);
  await runNightlyCheck(env as unknown as Env, {
    trigger: 'manual',
    today: '2025-05-05',
    requestedBy: ADMIN,
  });
  return { territory, partner, consultant };
}

/** Sessions of a territory: formula-looking and unicode text, one deleted, one logged by an admin. */
async function journal(territoryId: string, consultant: string) {
  const s = (over: Record<string, unknown>) =>
    ok(call('POST', '/v1/sessions', { as: consultant, body: session({ territoryId, ...over }) }), 'session');
  await s({ summary: TRICKY.formula, decisions: TRICKY.plus, nextSteps: TRICKY.minus });
  await s({ summary: TRICKY.unicode, date: '2025-03-31', durationMinutes: 90 });
  const gone = await s({ summary: TRICKY.at });
  await ok(call('DELETE', `/v1/sessions/${gone.session.id}`, { as: ADMIN }), 'delete');
  await ok(
    call('POST', '/v1/sessions', {
      body: session({ kind: 'territory-interview', territoryId, durationMinutes: 60 }),
    }),
    'interview',
  );
}

/** A blocker, an indicator with decimals, a workshop with key figures, an action. */
async function records(territoryId: string, partnerId: string, consultant: string) {
  await ok(
    call('POST', '/v1/blockers', {
      as: consultant,
      body: blocker({ territoryId, description: TRICKY.quote, ownerName: TRICKY.at }),
    }),
    'blocker',
  );
  await ok(
    call('POST', '/v1/indicators', {
      as: consultant,
      body: indicator({
        territoryId,
        indicator: 'usage-rate',
        unit: '%',
        value: 12.5,
        target: 33.3,
      }),
    }),
    'indicator',
  );
  const number = await freeWorkshopNumber();
  await ok(
    call('POST', '/v1/workshops', {
      body: workshop({
        number,
        hostTerritoryId: territoryId,
        keyFigures: [{ label: 'Livraisons', value: '1 200', unit: 'par mois' }],
        problem: TRICKY.unicode,
      }),
    }),
    'workshop',
  );
  await ok(
    call('POST', '/v1/actions', {
      as: consultant,
      body: action({ partnerId, title: TRICKY.minus }),
    }),
    'action',
  );
}

/** A request through the app against another database (and bucket) than the file's. */
export async function callOn(
  over: Partial<Env>,
  method: string,
  path: string,
  opts: { as?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { 'x-dev-user': opts.as ?? ADMIN };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await app.request(
    path,
    { method, headers, body: opts.body === undefined ? null : JSON.stringify(opts.body) },
    { ...env, ...over },
  );
  // Bytes decoded as UTF-8 keeping a byte order mark (a CSV starts with one).
  // workerd honours ignoreBOM; its type declaration lacks the member.
  const keepBom = { ignoreBOM: true } as TextDecoderConstructorOptions;
  const text = new TextDecoder('utf-8', keepBom).decode(await res.arrayBuffer());
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of several shapes (or CSV text), asserted field by field.
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV, JSON Lines: kept as text
  }
  return { status: res.status, headers: res.headers, text, body };
}
