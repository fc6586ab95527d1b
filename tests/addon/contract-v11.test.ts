// The add-on against the v1.1 additions of the contract (shared/API.md): versions (ETag) read
// with a record and sent back as If-Match, a 412 with the stored record, session corrections
// and deletions, a summary that does not fit. The worker gains them later (issue 12): here a
// local stand-in speaks them at the wire level, and the add-on runs in its own thread (the
// stand-in answers from this one).

import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../addon/api';
import { GoogleState } from '../../harness/fakes';
import { buildAddonTo } from '../../harness/local-worker';
import { stopSyncFetch } from '../../harness/sync-fetch';
import { startUserThread, type UserThread } from '../../harness/threads';

const ME = 'claire.martin@amo.example';
interface Seen {
  method: string;
  path: string;
  ifMatch?: string;
  body?: unknown;
}
const seen: Seen[] = [];
let server: Server;
let base: string;
let dir: string;
let state: GoogleState;
let claire: UserThread;

const quota = (used: number) => ({
  key: 'diagnostic',
  scope: 'territory',
  subjectId: 't-albi',
  label: 'Diagnostic et accompagnement',
  unit: 'minutes',
  used,
  limit: 1680,
  remaining: 1680 - used,
  status: 'ok',
});
const stored = {
  id: 's-1',
  kind: 'diagnostic',
  territoryId: 't-albi',
  date: '2025-03-12',
  durationMinutes: 180,
  mode: 'remote',
  participants: 4,
  summary: 'Diagnostic initial.',
  createdBy: ME,
  createdAt: '2025-03-12T10:00:00.000Z',
  version: 3,
};
let session = { ...stored };
let territory = {
  id: 't-albi',
  name: 'Albi Agglomération',
  legalForm: 'ca',
  centralCityInsee: '81004',
  consultants: [ME],
};
let territoryVersion = 5;

async function body(req: IncomingMessage) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

/** The v1.1 routes the add-on uses, as shared/API.md describes them. */
function route(s: Seen): { status: number; body: unknown; etag?: string } {
  const stale = (version: number, current: unknown) =>
    s.ifMatch && s.ifMatch !== `"${version}"`
      ? {
          status: 412,
          body: { error: { code: 'PRECONDITION_FAILED', message: 'Version périmée.', current } },
        }
      : null;
  switch (`${s.method} ${s.path.split('?')[0]}`) {
    case 'GET /v1/me':
      return {
        status: 200,
        body: { email: ME, role: 'consultant', territories: [{ id: 't-albi', name: territory.name }] },
      };
    case 'GET /v1/programme':
      return { status: 200, body: { minutesPerDay: 420, startDate: '2025-02-01', endDate: '2026-06-30' } };
    case 'GET /v1/snapshot':
      return {
        status: 200,
        body: {
          quotas: {
            programme: [],
            territories: [{ territoryId: 't-albi', name: territory.name, quotas: [quota(180)] }],
            partners: [],
          },
          workshops: [],
          actions: [],
          documents: [],
        },
      };
    case 'GET /v1/sessions':
      return {
        status: 200,
        body: { sessions: [session, { ...stored, id: 's-other', createdBy: 'autre@amo.example' }] },
      };
    case 'GET /v1/sessions/s-1':
      return { status: 200, body: session, etag: `"${session.version}"` };
    case 'PATCH /v1/sessions/s-1': {
      const refused = stale(session.version, {
        ...session,
        updatedBy: 'julien.roux@amo.example',
        updatedAt: '2025-03-20T08:00:00.000Z',
      });
      if (refused) return refused;
      session = { ...session, ...(s.body as object), version: session.version + 1 };
      return {
        status: 200,
        body: { session, quota: quota(session.durationMinutes) },
        etag: `"${session.version}"`,
      };
    }
    case 'DELETE /v1/sessions/s-1':
      return {
        status: 200,
        body: { session: { ...session, deletedAt: '2025-03-21T08:00:00.000Z' }, quota: quota(0) },
      };
    case 'GET /v1/territories/t-albi':
      return { status: 200, body: territory, etag: `"${territoryVersion}"` };
    case 'PUT /v1/territories/t-albi/assessment': {
      const refused = stale(territoryVersion, territory);
      if (refused) return refused;
      territory = { ...territory, assessment: s.body } as typeof territory;
      territoryVersion++;
      return { status: 200, body: territory, etag: `"${territoryVersion}"` };
    }
    case 'POST /v1/documents':
      return {
        status: 422,
        body: {
          error: {
            code: 'DOES_NOT_FIT',
            message: 'La synthèse dépasse 5 pages : raccourcissez les champs indiqués.',
            fields: [{ field: 'findings', label: 'Constat', length: 4200, shortenBy: 1200 }],
          },
        },
      };
    default:
      return {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'Cette adresse n’existe pas dans l’API.' } },
      };
  }
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const s: Seen = {
      method: req.method ?? '',
      path: req.url ?? '',
      ifMatch: req.headers['if-match'],
      body: await body(req),
    };
    seen.push(s);
    const r = route(s);
    res.writeHead(r.status, {
      'content-type': 'application/json; charset=utf-8',
      ...(r.etag ? { etag: r.etag } : {}),
    });
    res.end(JSON.stringify(r.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = buildAddonTo(base);
}, 60_000);
beforeEach(async () => {
  state = new GoogleState(dir);
  state.documentProps.setProperty('VELI_WORKER_URL', base);
  claire = await startUserThread(state, { dir, user: ME });
  await claire.run('onOpen');
  await claire.run('showJournal'); // names the territory, as a sidebar opened first does
  session = { ...stored };
  seen.length = 0;
});
afterAll(async () => {
  await claire?.close();
  await stopSyncFetch();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rows = (tab: string) => {
  const [headers = [], ...rest] = state.spreadsheet.getSheetByName(tab)?.displayGrid() ?? [];
  return rest.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
};

describe('correcting a session', () => {
  it('reads its version, sends it back as If-Match with only what may change, and mirrors the result', async () => {
    const loaded = (await claire.run('loadSession', 's-1')) as Result<{ version: string }>;
    expect(loaded).toMatchObject({ ok: true, data: { version: '3' } });
    const res = (await claire.run(
      'updateSession',
      's-1',
      { durationMinutes: 240, summary: 'Diagnostic complété.' },
      '3',
    )) as Result<unknown>;
    expect(res).toMatchObject({ ok: true, version: '4' });
    const patch = seen.find((s) => s.method === 'PATCH')!;
    expect(patch.ifMatch).toBe('"3"');
    expect(patch.body).toEqual({ durationMinutes: 240, summary: 'Diagnostic complété.' });
    expect(rows('Séances')[0]).toMatchObject({
      Identifiant: 's-1',
      'Durée (min)': '240',
      Territoire: 'Albi Agglomération',
    });
    expect(rows('Quotas')[0]).toMatchObject({ Utilisé: '0,6', Unité: 'jours' });
  });

  it('after a colleague’s change, writes nothing, says who changed it, and shows the stored row', async () => {
    const res = (await claire.run('updateSession', 's-1', { participants: 6 }, '2')) as Result<unknown>;
    expect(res).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    expect(!res.ok && res.error.message).toBe(
      'Cette séance a été modifiée par julien.roux@amo.example le 20/03/2025 depuis que vous l’avez ouverte\u00a0: rien n’a été enregistré. Vos saisies restent dans le formulaire\u202f; chargez les valeurs enregistrées pour reprendre votre modification.',
    );
    expect(session.participants).toBe(4);
    expect(rows('Séances')[0]).toMatchObject({ Identifiant: 's-1', Participants: '4' });
  });

  it('refuses a correction that touches the kind or the territory, before any call', async () => {
    const res = (await claire.run(
      'updateSession',
      's-1',
      { territoryId: 't-other' },
      '3',
    )) as Result<unknown>;
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(seen).toEqual([]);
  });

  it('deletes a session: its row goes, unless staff wrote beside it', async () => {
    await claire.run('loadSession', 's-1');
    await claire.run('updateSession', 's-1', { participants: 5 }, '3');
    const sheet = state.spreadsheet.getSheetByName('Séances')!;
    const res = (await claire.run('deleteSession', 's-1', null)) as Result<unknown>;
    expect(res).toMatchObject({ ok: true, data: { id: 's-1' } });
    expect(rows('Séances')).toEqual([]);
    await claire.run('updateSession', 's-1', { participants: 5 }, '4');
    sheet.getRange(1, sheet.getLastColumn() + 1).setValue('Commentaire ADEME');
    sheet.getRange(2, sheet.getLastColumn()).setValue('Gardé pour le COPIL');
    await claire.run('deleteSession', 's-1', null);
    expect(rows('Séances').map((r) => r.Identifiant)).toEqual(['s-1']);
  });

  it('lists the sessions the user entered, the last entered first', async () => {
    const res = (await claire.run('listMySessions')) as Result<{ id: string }[]>;
    expect(res.ok && res.data.map((s) => s.id)).toEqual(['s-1']);
    expect(seen.map((x) => x.path)).toEqual(['/v1/sessions']);
  });
});

describe('the diagnostic', () => {
  it('saves with the version it was opened with, and refuses after a colleague’s save', async () => {
    const loaded = (await claire.run('loadTerritory', 't-albi')) as Result<{ version: string }>;
    expect(loaded.ok && loaded.data.version).toBe('5');
    const assessment = {
      findings: 'Constat.',
      stakes: 'Enjeux.',
      recommendations: 'Recommandations.',
      needs: 'Besoins.',
    };
    const first = (await claire.run('submitAssessment', 't-albi', assessment, '5')) as Result<{
      version: string;
    }>;
    expect(first).toMatchObject({ ok: true, data: { version: '6' } });
    expect(seen.at(-1)).toMatchObject({ ifMatch: '"5"', body: assessment });
    const again = (await claire.run('submitAssessment', 't-albi', assessment, '5')) as Result<unknown>;
    expect(again).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    expect(rows('Territoires')[0]).toMatchObject({ Nom: 'Albi Agglomération', Besoins: 'Besoins.' });
  });
});

describe('documents', () => {
  it('turns a summary that does not fit into what to shorten, field by field', async () => {
    const res = (await claire.run('generateDocument', {
      type: 'territory-summary',
      territoryId: 't-albi',
    })) as Result<unknown>;
    expect(res).toMatchObject({ ok: false, error: { code: 'DOES_NOT_FIT' } });
    expect(!res.ok && res.error.issues).toEqual([
      { path: 'findings', message: 'Constat\u00a0: à raccourcir de 1\u202f200\u00a0caractères.' },
    ]);
  });
});
