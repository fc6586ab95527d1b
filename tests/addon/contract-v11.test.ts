// The add-on against the v1.1 additions of the contract (shared/API.md), on a real local worker:
// versions (ETag) read with a record and sent back as If-Match, a 412 with the stored record,
// session corrections and deletions, the user's own sessions, a summary that does not fit, a
// resubmission after a lost answer. A colleague's change is made through the worker as that
// colleague. Between the add-on and the worker a wire tap records what the add-on sends
// (method, path, If-Match, body) and passes requests and answers on unchanged.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Result, SessionRecord } from '../../addon/api';
import type { SidebarBoot } from '../../addon/menu';
import { REMOVED_MARK, REMOVED_NOTE } from '../../addon/sheet-mirror';
import type { GoogleState } from '../../harness/fakes';
import { ADMIN } from '../../harness/local-worker';
import type { UserThread } from '../../harness/threads';
import { zonedDate } from '../../shared/dates';
import { forward, readText } from '../support/proxy';
import { createTerritory, type LocalWorker, readTab, sessionInput, uid, useAddonWorker } from './fixtures';

const CLAIRE = 'claire.v11@amo.example';
const JULIEN = 'julien.v11@amo.example';

interface Seen {
  method: string;
  path: string;
  ifMatch?: string | undefined;
  body?: unknown;
}
const seen: Seen[] = [];
let tap: Server | undefined;

/** The wire tap in front of the worker: the add-on is built to call it. */
async function startTap(worker: LocalWorker) {
  tap = createServer(async (req, res) => {
    const body = await readText(req);
    seen.push({
      method: req.method ?? '',
      path: decodeURIComponent(req.url ?? ''),
      ifMatch: req.headers['if-match'],
      body: body ? JSON.parse(body) : undefined,
    });
    await forward(req, body, res, worker.base);
  });
  await new Promise<void>((r) => tap!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(tap.address() as AddressInfo).port}`;
}

const env = useAddonWorker({ consultants: [CLAIRE, JULIEN] }, startTap);
afterAll(() => tap?.close());

let state: GoogleState;
let claire: UserThread;
const as = (user: string) => env.worker.api(user);

/** A territory Claire and Julien both work for; Claire's sidebar opened since (it knows its name). */
async function territory(insee: string) {
  const id = uid('t');
  const t = await createTerritory(env.worker.api, {
    id,
    name: `Territoire ${id}`,
    insee,
    consultant: [CLAIRE, JULIEN],
  });
  await claire.run('showJournal');
  seen.length = 0;
  return t;
}
const session = sessionInput;
/** A session Claire logs through the add-on, and the version she reads it with. */
async function logged(territoryId: string, over: Record<string, unknown> = {}) {
  const s = session(territoryId, over);
  const res = (await claire.run('submitSession', s)) as Result<unknown>;
  expect(res.ok, JSON.stringify(res)).toBe(true);
  const loaded = (await claire.run('loadSession', s.id)) as Result<{ version: string }>;
  if (!loaded.ok) throw new Error(JSON.stringify(loaded));
  return { ...s, version: loaded.data.version };
}
const stored = async (id: string) =>
  (await as(ADMIN)('GET', `/v1/sessions/${id}`)) as {
    status: number;
    body: SessionRecord & { version: number };
  };
const rows = (tab: string) => readTab(state, tab).rows;
const rowOf = (tab: string, id: string) => rows(tab).find((r) => r.Identifiant === id);
/** dd/mm/yyyy of an instant, in Paris. */
const parisDay = (at: string) => zonedDate(at).split('-').reverse().join('/');
const writes = () => seen.filter((s) => s.method !== 'GET');

beforeEach(async () => {
  state = env.spreadsheet();
  claire = await env.open(state, CLAIRE);
  seen.length = 0;
});

describe('correcting a session', () => {
  it('reads its version, sends it back as If-Match with only what may change, and mirrors the result', async () => {
    const t = await territory('81004');
    const s = await logged(t.id);
    seen.length = 0;
    const res = (await claire.run(
      'updateSession',
      s.id,
      { durationMinutes: 240, summary: 'Diagnostic complété.' },
      s.version,
    )) as Result<unknown>;
    expect(res).toMatchObject({ ok: true, version: String(Number(s.version) + 1) });
    expect(seen).toEqual([
      {
        method: 'PATCH',
        path: `/v1/sessions/${s.id}`,
        ifMatch: `"${s.version}"`,
        body: { durationMinutes: 240, summary: 'Diagnostic complété.' },
      },
    ]);
    expect((await stored(s.id)).body).toMatchObject({
      durationMinutes: 240,
      summary: 'Diagnostic complété.',
    });
    expect(rowOf('Séances', s.id)).toMatchObject({ 'Durée (min)': '240', Territoire: t.name });
    expect(rowOf('Quotas', `diagnostic|${t.id}`)).toMatchObject({ Utilisé: '0,6', Unité: 'jours' });
  });

  it('after a colleague’s change, writes nothing, says who changed it, and shows the stored row', async () => {
    const t = await territory('46042');
    const s = await logged(t.id);
    const theirs = await as(ADMIN)('PATCH', `/v1/sessions/${s.id}`, { participants: 7 });
    expect(theirs.status).toBe(200);
    expect(rowOf('Séances', s.id)).toMatchObject({ Participants: '4' });
    seen.length = 0;
    const res = (await claire.run('updateSession', s.id, { participants: 6 }, s.version)) as Result<unknown>;
    expect(res).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    const now = (await stored(s.id)).body;
    expect(!res.ok && res.error.message).toBe(
      `Cette séance a été modifiée par ${ADMIN} le ${parisDay(now.updatedAt!)} depuis que vous l’avez ouverte\u00a0: rien n’a été enregistré. Vos saisies restent dans le formulaire\u202f; chargez les valeurs enregistrées pour reprendre votre modification.`,
    );
    expect(!res.ok && res.error.current).toMatchObject({ participants: 7, updatedBy: ADMIN });
    expect(now).toMatchObject({ participants: 7, version: Number(s.version) + 1 });
    expect(seen.map((x) => [x.method, x.ifMatch])).toEqual([['PATCH', `"${s.version}"`]]);
    expect(rowOf('Séances', s.id)).toMatchObject({ Participants: '7' });
  });

  it('refuses a correction that touches the kind or the territory, before any call', async () => {
    const t = await territory('12202');
    const s = await logged(t.id);
    seen.length = 0;
    for (const patch of [{ territoryId: t.id }, { kind: 'territory-interview' }]) {
      const res = (await claire.run('updateSession', s.id, patch, s.version)) as Result<unknown>;
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(seen).toEqual([]);
    expect((await stored(s.id)).body.version).toBe(Number(s.version));
  });
});

describe('deleting a session', () => {
  it('deletes a session with the version listed: its row goes, unless staff wrote beside it — then greyed with a note', async () => {
    const t = await territory('11069');
    const [gone, annotated, changed] = [await logged(t.id), await logged(t.id), await logged(t.id)];
    const sheet = state.spreadsheet.getSheetByName('Séances')!;
    const free = sheet.getLastColumn() + 1;
    const line = rows('Séances').findIndex((r) => r.Identifiant === annotated.id) + 2;
    sheet.getRange(1, free).setValue('Commentaire ADEME');
    sheet.getRange(line, free).setValue('Gardé pour le COPIL');
    seen.length = 0;
    for (const s of [gone, annotated])
      expect(await claire.run('deleteSession', s.id, s.version)).toMatchObject({
        ok: true,
        data: { id: s.id },
      });
    expect(seen.map((x) => [x.method, x.path, x.ifMatch])).toEqual([
      ['DELETE', `/v1/sessions/${gone.id}`, `"${gone.version}"`],
      ['DELETE', `/v1/sessions/${annotated.id}`, `"${annotated.version}"`],
    ]);
    expect((await stored(gone.id)).status).toBe(404);
    expect(rowOf('Séances', gone.id)).toBeUndefined();
    // Kept for the note beside it, its id marked so that the dashboard no longer counts it.
    const kept = rows('Séances').findIndex((r) => r.Identifiant === `${annotated.id}${REMOVED_MARK}`) + 2;
    expect(kept).toBeGreaterThan(1);
    expect(sheet.getRange(kept, 1).getNote()).toBe(REMOVED_NOTE);
    expect(sheet.style(kept, 1)?.color).toBe('#9aa0a6');
    // Changed by a colleague since the list was read: nothing deleted, the stored row shown.
    expect((await as(ADMIN)('PATCH', `/v1/sessions/${changed.id}`, { participants: 9 })).status).toBe(200);
    const refused = (await claire.run('deleteSession', changed.id, changed.version)) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    expect(!refused.ok && refused.error.message).toMatch(
      new RegExp(
        `^Cette séance a été modifiée par ${ADMIN} le .* depuis l’affichage de la liste\u00a0: rien n’a été supprimé\\.`,
      ),
    );
    expect((await stored(changed.id)).status).toBe(200);
    expect(rowOf('Séances', changed.id)).toMatchObject({ Participants: '9' });
  });
});

describe('the user’s own sessions', () => {
  it('lists the sessions the user entered, the last entered first, filtered by the worker', async () => {
    const t = await territory('32013');
    // Entered first but held later: the list goes by when it was entered, not by its date.
    const first = await logged(t.id, { date: '2025-04-20' });
    const second = await logged(t.id, { date: '2025-04-01' });
    const julien = session(t.id);
    expect((await as(JULIEN)('POST', '/v1/sessions', julien)).status).toBe(201);
    seen.length = 0;
    const res = (await claire.run('listMySessions')) as Result<{ id: string; createdBy: string }[]>;
    if (!res.ok) throw new Error(JSON.stringify(res));
    expect(res.data.slice(0, 2).map((s) => s.id)).toEqual([second.id, first.id]);
    expect(res.data.every((s) => s.createdBy === CLAIRE)).toBe(true);
    expect(seen.map((x) => x.path)).toEqual(['/v1/sessions?createdBy=me']);
  });
});

describe('the diagnostic', () => {
  const assessment = (who: string) => ({
    findings: `Constat de ${who}.`,
    stakes: 'Enjeux.',
    recommendations: 'Recommandations.',
    needs: `Besoins vus par ${who}.`,
  });

  it('saves with the version it was opened with, and refuses after a colleague’s save', async () => {
    const t = await territory('65440');
    const loaded = (await claire.run('loadTerritory', t.id)) as Result<{ version: string }>;
    if (!loaded.ok) throw new Error(JSON.stringify(loaded));
    const v = Number(loaded.data.version);
    const first = (await claire.run('submitAssessment', t.id, assessment('Claire'), String(v))) as Result<{
      version: string;
    }>;
    expect(first).toMatchObject({ ok: true, data: { version: String(v + 1) } });
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', ifMatch: `"${v}"`, body: assessment('Claire') });
    const put = await as(JULIEN)('PUT', `/v1/territories/${t.id}/assessment`, assessment('Julien'));
    expect(put.status).toBe(200);
    const again = (await claire.run(
      'submitAssessment',
      t.id,
      assessment('Claire'),
      String(v + 1),
    )) as Result<unknown>;
    expect(again).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    expect(!again.ok && again.error.message).toMatch(
      new RegExp(
        `^Ce diagnostic a été modifié par ${JULIEN} le \\d\\d/\\d\\d/\\d{4} depuis que vous l’avez ouvert\u00a0: rien n’a été enregistré\\.`,
      ),
    );
    const now = (await as(ADMIN)('GET', `/v1/territories/${t.id}`)).body as { assessment: { needs: string } };
    expect(now.assessment.needs).toBe('Besoins vus par Julien.');
    expect(rowOf('Territoires', t.id)).toMatchObject({ Nom: t.name, Besoins: 'Besoins vus par Julien.' });
  });
});

describe('documents', () => {
  it('turns a summary that does not fit into what to shorten, and opens the Diagnostic with those fields', async () => {
    const t = await territory('31555');
    // One sentence of 16,000 characters: recommendations are never cut, so no page fits them.
    const long = `${'Intégrer les véhicules intermédiaires au plan de mobilité '.repeat(276).slice(0, 15_999)}.`;
    const put = await as(CLAIRE)('PUT', `/v1/territories/${t.id}/assessment`, {
      findings: 'Constat court.',
      stakes: 'Enjeu court.',
      recommendations: long,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const partner = await as(ADMIN)('POST', `/v1/territories/${t.id}/partners`, {
      name: 'Coopérative des livreurs',
      kind: 'company',
      useCase: { category: 'commute', description: 'Vélos cargos pour les trajets domicile-travail.' },
    });
    expect(partner.status, JSON.stringify(partner.body)).toBe(201);
    const res = (await claire.run('generateDocument', {
      type: 'territory-summary',
      territoryId: t.id,
    })) as Result<unknown>;
    expect(res).toMatchObject({ ok: false, error: { code: 'DOES_NOT_FIT' } });
    if (res.ok) return;
    expect(res.error.issues).toEqual([
      {
        path: 'assessment.recommendations',
        message: expect.stringMatching(
          /^Recommandations\u00a0: à raccourcir de \d{1,3}(\u202f\d{3})*\u00a0caractères\.$/,
        ),
      },
    ]);
    const docs = (await as(ADMIN)('GET', '/v1/snapshot?parts=documents')).body as {
      documents: { territoryId?: string }[];
    };
    expect(docs.documents.filter((d) => d.territoryId === t.id)).toEqual([]);
    await claire.run('openDiagnostic', { territoryId: t.id, issues: res.error.issues });
    const ui = state.user(CLAIRE).ui;
    expect(ui.sidebar?.getTitle()).toBe('Diagnostic du territoire');
    const html = ui.sidebar!.getContent();
    const boot = JSON.parse(/window\.__VELI__=(.*?);<\/script>/.exec(html)![1]!) as SidebarBoot;
    expect(boot).toMatchObject({
      sidebar: 'diagnostic',
      focus: { territoryId: t.id, issues: res.error.issues },
    });
  });
});

describe('a lost answer', () => {
  it('then a changed resubmission: « Cette séance a déjà été enregistrée », the stored row, nothing rewritten', async () => {
    const t = await territory('34172');
    const s = session(t.id, { date: '2025-12-10' });
    claire.faults.dropNextResponses = 1;
    expect(await claire.run('submitSession', s)).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(rowOf('Séances', s.id)).toBeUndefined();
    const changed = (await claire.run('submitSession', {
      ...s,
      summary: 'Résumé corrigé entre-temps.',
    })) as Result<unknown>;
    expect(changed).toMatchObject({
      ok: false,
      error: {
        code: 'ALREADY_RECORDED',
        message: 'Cette séance a déjà été enregistrée (10/12/2025, 180\u00a0min).',
      },
    });
    expect(writes().map((x) => [x.method, (x.body as { id: string }).id])).toEqual([
      ['POST', s.id],
      ['POST', s.id],
    ]);
    expect((await stored(s.id)).body).toMatchObject({
      summary: 'Diagnostic des usages et des flottes.',
      version: 1,
    });
    expect(rows('Séances').filter((r) => r.Identifiant === s.id)).toEqual([
      expect.objectContaining({ Résumé: 'Diagnostic des usages et des flottes.' }),
    ]);
  });
});
