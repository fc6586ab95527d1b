// « Importer un onglet existant » over the harness against a real local worker: a staff tab
// of 200 sessions written the way people write them (aliases, short names and central cities,
// real Sheets dates and typed ones, impossible days, durations over a kind's maximum, more
// collective supports than the quota, another consultant's territory). The dry run's verdict
// of every row is what the import then does, row by row; refused rows get no id; a second
// import creates nothing; an admin may import over a quota with a reason.
import { describe, expect, it } from 'vitest';
import type { ImportOutcome, Result } from '../../addon/api';
import { suggestMapping } from '../../addon/import-fields';
import type { GoogleState } from '../../harness/fakes';
import { ADMIN } from '../../harness/local-worker';
import { type AddonRuntime, loadAddon } from '../../harness/runtime';
import { consultantWithTerritory, createTerritory, readTab, uid, useAddonWorker } from './fixtures';

const CLAIRE = 'claire.import@amo.example';
const JULIEN = 'julien.import@amo.example';
const env = useAddonWorker({ consultants: [CLAIRE, JULIEN] });

const HEADERS = ['Date', 'Type', 'Territoire', 'Durée', 'Modalité', 'Participants', 'Compte rendu'];
/** The columns as the sidebar suggests them from the headers (each field its header). */
const MAPPING = suggestMapping('sessions', HEADERS);

/** A small deterministic generator: the same 200 rows on every run. */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor(s / 65_536) % n;
  };
}

interface Territories {
  albi: { id: string; name: string };
  tarbes: { id: string; name: string };
  foreign: { id: string; name: string };
}

/** How staff name things in their own logs, with the rows that must be refused mixed in. */
function generatedRows(t: Territories, count: number): unknown[][] {
  const pick = random(18);
  const albi = ['Albi', 'Albigeois', t.albi.name, 'albi'];
  const tarbes = ['Tarbes', t.tarbes.name];
  const rows: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const day = String(1 + pick(28)).padStart(2, '0');
    const month = String(3 + pick(9)).padStart(2, '0');
    const where =
      pick(10) === 0
        ? 'Rodez Agglomération'
        : pick(2)
          ? albi[pick(albi.length)]
          : tarbes[pick(tarbes.length)];
    const kinds = ['Diagnostic', 'diagnostic', 'Diagnostic et accompagnement', 'Appui collectif', 'appui'];
    const kind =
      pick(12) === 0 ? 'Entretien individuel' : pick(15) === 0 ? 'Point mensuel ADEME' : kinds[pick(5)];
    const duration = ['2 h', '90', '1 h 30', '½ journée', '45 min', '1,5 h'][pick(6)];
    const mode = ['visio', 'présentiel', 'À distance', 'Sur place', 'teams'][pick(5)];
    const date = pick(25) === 0 ? `32/${month}/2025` : `${day}/${month}/2025`;
    rows.push([
      date,
      kind,
      where,
      duration,
      mode,
      1 + pick(12),
      `Séance importée n° ${i + 1} : point sur les usages.`,
    ]);
  }
  return rows;
}

/** A staff tab as a person typed it: setValues parses « 14/10/2025 » into a real date, as Sheets does. */
function staffTab(state: GoogleState, name: string, rows: unknown[][]) {
  const sheet = state.spreadsheet.insertSheet(name);
  sheet.getRange(1, 1, 1, HEADERS.length).setValues([HEADERS]);
  sheet.getRange(2, 1, rows.length, HEADERS.length).setValues(rows);
  return sheet;
}

const importing = (rt: AddonRuntime, tab: string, dryRun: boolean, extra: Record<string, unknown> = {}) => {
  const res = rt.run('importTab', {
    tab,
    target: 'sessions',
    mapping: MAPPING,
    dryRun,
    ...extra,
  }) as Result<ImportOutcome>;
  expect(res.ok, JSON.stringify(res)).toBe(true);
  return (res as { ok: true; data: ImportOutcome }).data;
};

/**
 * Each test's territories (names and central cities no other test of the file uses): two of
 * Claire's, then one of Julien's.
 */
const CITIES: Record<'generated' | 'cases', [string, string][]> = {
  generated: [
    ['Communauté d’agglomération de l’Albigeois', '81004'],
    ['Tarbes-Lourdes-Pyrénées', '65440'],
    ['Rodez Agglomération', '12202'],
  ],
  cases: [
    ['Carcassonne Agglo', '11069'],
    ['Grand Auch Cœur de Gascogne', '32013'],
    ['Alès Agglomération', '30007'],
  ],
};

/** A test's territories, a spreadsheet, Claire's add-on. */
async function world(which: keyof typeof CITIES) {
  const make = ([name, insee]: [string, string], consultant: string) =>
    createTerritory(env.worker.api, { id: uid('t'), name, insee, consultant });
  const [a, b, foreign] = CITIES[which] as [[string, string], [string, string], [string, string]];
  const t = {
    albi: await make(a, CLAIRE),
    tarbes: await make(b, CLAIRE),
    foreign: await make(foreign, JULIEN),
  };
  const state = env.spreadsheet();
  return { t, state, claire: loadAddon({ dir: env.dir, workerUrl: env.url, devUser: CLAIRE, state }) };
}

describe('importing 200 sessions of a staff tab', () => {
  it('does exactly what the dry run announced, row by row, in at most 4 UrlFetch calls', async () => {
    const { t, state, claire } = await world('generated');
    staffTab(state, 'Mon suivi', generatedRows(t, 200));
    const dry = importing(claire, 'Mon suivi', true);
    expect(readTab(state, 'Mon suivi').rows.every((r) => r['Identifiant VELI VELO'] === '')).toBe(true);
    claire.fakes.fetchLog.length = 0;
    const done = importing(claire, 'Mon suivi', false);
    expect(new Set(claire.fakes.fetchLog.map((f) => f.round)).size).toBeLessThanOrEqual(4);
    expect(done.rows.map((r) => [r.row, r.ok])).toEqual(dry.rows.map((r) => [r.row, r.ok]));
    for (const [i, r] of done.rows.entries())
      expect(r.message).toBe(r.ok ? 'OK\u00a0: importée' : dry.rows[i]!.message);
    expect(done.created).toBe(dry.rows.filter((r) => r.ok).length);
    const stored = (await env.worker.api(CLAIRE)('GET', '/v1/sessions?createdBy=me')).body as {
      sessions: unknown[];
    };
    expect(stored.sessions).toHaveLength(done.created);
    // Refused rows get no id; imported ones have theirs in the sheet.
    const tab = readTab(state, 'Mon suivi').rows;
    for (const r of done.rows) expect(Boolean(tab[r.row - 2]!['Identifiant VELI VELO'])).toBe(r.ok);
    expect(done.refused).toBeGreaterThan(50);
    expect(done.created).toBeGreaterThan(20);
  }, 120_000);
});

const NBSP = '\u00a0';
const summary = 'Point sur les usages et les flottes.';

/** A tab of one case a row: what is accepted, then each kind of refusal, then a quota filling up. */
function casesTab(state: GoogleState) {
  const appui = (over: unknown[] = []) => [
    '20/10/2025',
    'Appui collectif',
    'Carcassonne',
    '2 h',
    'visio',
    6,
    summary,
    ...over,
  ];
  staffTab(state, 'Cas', [
    ['14/10/2025', 'Entretien individuel', 'Auch', '1 h', 'présentiel', 3, summary],
    ['15/10/2025', 'Appui collectif', 'Grand Auch', '½ journée', 'À distance', 8, summary],
    ['32/10/2025', 'diagnostic', 'Carcassonne', '2 h', 'sur place', 4, summary],
    ['16/10/2025', 'Diagnostic', 'Alès Agglomération', '2 h', 'teams', 4, summary],
    ['16/10/2025', 'Diagnostic', 'Montauban', '2 h', 'visio', 4, summary],
    ['17/10/2025', 'Réunion', 'Carcassonne', 'abc', 'hybride', '', ''],
    ...[1, 2, 3, 4, 5, 6].map(() => appui()),
  ]);
}

/** A row wrong in several fields: one line per field, each naming the field first, none twice. */
function expectOnePerField(message: string) {
  const lines = message.split('\n');
  expect(lines.map((l) => l.split(' ')[0])).toEqual(['Type', 'Durée', 'Modalité', 'Participants', 'Résumé']);
  expect(new Set(lines).size).toBe(lines.length);
  expect(lines[0]).toBe(
    `Type de séance — «${NBSP}Réunion${NBSP}»${NBSP}: valeur inconnue (Entretien de lancement avec l’ADEME, Entretien individuel avec le territoire, Diagnostic et accompagnement, Événement «${NBSP}team building${NBSP}», Appui collectif, Atelier collectif, Événement collectif virtuel, Accompagnement individuel de partenaire, Événement de clôture, COPIL, Point mensuel ADEME).`,
  );
}

describe('what each row is told', () => {
  it('accepts what staff write, names what it refuses in their terms, once per field, and imports it all once', async () => {
    const { t, state, claire } = await world('cases');
    casesTab(state);
    const dry = importing(claire, 'Cas', true);
    const said = dry.rows.map((r) => r.message);
    expect(said.slice(0, 6)).toEqual([
      `OK${NBSP}: prête à importer`,
      `Durée «${NBSP}½ journée${NBSP}» — Appui collectif${NBSP}: 120${NBSP}min au plus par séance (210${NBSP}min saisies). Un administrateur peut déroger avec un motif.`,
      `Date — le 32/10/2025 n’existe pas${NBSP}: vérifiez le jour et le mois (JJ/MM/AAAA, par exemple 14/10/2025).`,
      `Territoire — Vous n’êtes pas consultant du territoire «${NBSP}Alès Agglomération${NBSP}».`,
      `Territoire — «${NBSP}Montauban${NBSP}» ne correspond à aucun territoire du programme (nom, nom court, ville centre ou identifiant).`,
      expect.any(String),
    ]);
    expectOnePerField(said[5]!);
    expect(said.slice(6, 11)).toEqual(Array(5).fill(`OK${NBSP}: prête à importer`));
    expect(said[11]).toMatch(
      new RegExp(`^Territoire «${NBSP}${t.albi.name}${NBSP}» — Quota dépassé${NBSP}: Appui collectif`),
    );
    expect(said.every((m) => !/[^\u00a0] [:;?!]/.test(m))).toBe(true);

    const done = importing(claire, 'Cas', false);
    expect(done.rows.map((r) => r.ok)).toEqual(dry.rows.map((r) => r.ok));
    expect(done.created).toBe(6);
    const ids = readTab(state, 'Cas').rows.map((r) => r['Identifiant VELI VELO']);
    expect(ids.map(Boolean)).toEqual(dry.rows.map((r) => r.ok));
    const again = importing(claire, 'Cas', false);
    expect(again).toMatchObject({ created: 0, already: 6 });
    expect(readTab(state, 'Cas').rows.map((r) => r['Identifiant VELI VELO'])).toEqual(ids);
    expect(readTab(state, 'Séances').rows.filter((r) => ids.includes(r.Identifiant))).toHaveLength(6);
  }, 120_000);
});

describe('an admin’s override', () => {
  it('lets an admin import over a quota with a reason, only the rows that need it; a consultant may not', async () => {
    const w = await consultantWithTerritory(env, CLAIRE, {
      name: 'Communauté de communes Grand-Figeac',
      insee: '46102',
    });
    const [figeac, state, claire] = [w.territory, w.state, w.addon];
    staffTab(
      state,
      'Appuis',
      Array.from({ length: 7 }, (_, i) => [
        `2${i}/10/2025`,
        'Appui collectif',
        'Figeac',
        '2 h',
        'visio',
        5,
        summary,
      ]),
    );
    const reason = { reason: 'Deux appuis de plus décidés en COPIL du 12/09/2025.' };
    const refused = claire.run('importTab', {
      tab: 'Appuis',
      target: 'sessions',
      mapping: MAPPING,
      dryRun: true,
      override: reason,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const admin = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: ADMIN, state });
    const dry = importing(admin, 'Appuis', true, { override: reason });
    expect(dry.rows.map((r) => r.message)).toEqual([
      ...Array(5).fill(`OK${NBSP}: prête à importer`),
      ...Array(2).fill(`OK${NBSP}: prête, avec dérogation au quota`),
    ]);
    const done = importing(admin, 'Appuis', false, { override: reason });
    expect(done.rows.map((r) => r.message)).toEqual([
      ...Array(5).fill(`OK${NBSP}: importée`),
      ...Array(2).fill(`OK${NBSP}: importée avec dérogation au quota`),
    ]);
    const listed = (await env.worker.api(ADMIN)('GET', `/v1/sessions?territoryId=${figeac.id}`)).body as {
      sessions: { override?: { reason: string } }[];
    };
    expect(listed.sessions.map((s) => s.override?.reason ?? null)).toEqual([
      ...Array(5).fill(null),
      reason.reason,
      reason.reason,
    ]);
  }, 120_000);
});
