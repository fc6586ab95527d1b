// An import that meets the worker's writes-per-minute limit (429 RATE_LIMITED with
// Retry-After): the refused rows are sent again once the limit lets them, still together, and
// every row ends imported once. A proxy in front of the worker plays the limiter.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportOutcome, Result } from '../../addon/api';
import { forward, readText } from '../support/proxy';
import { createTerritory, type LocalWorker, readTab, uid, useAddonWorker } from './fixtures';

const CLAIRE = 'claire.limite@amo.example';
/** The first writes of sessions the proxy refuses as the worker's limiter would. */
let refuse = 0;
const sessionPosts: number[] = [];
let proxy: Server | undefined;

async function startLimiter(worker: LocalWorker) {
  proxy = createServer(async (req, res) => {
    const body = await readText(req);
    if (req.method === 'POST' && req.url === '/v1/sessions') {
      sessionPosts.push(Date.now());
      if (refuse > 0) {
        refuse--;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(
          JSON.stringify({
            error: {
              code: 'RATE_LIMITED',
              message: 'Trop d’enregistrements en peu de temps : réessayez dans 1 s.',
            },
          }),
        );
        return;
      }
    }
    await forward(req, body, res, worker.base);
  });
  await new Promise<void>((r) => proxy!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

const env = useAddonWorker({ consultants: [CLAIRE] }, startLimiter);
afterAll(() => proxy?.close());

/** Claire's tab of eight sessions, without its « Participants » column yet, and her add-on. */
async function staffTabOfEight() {
  const t = await createTerritory(env.worker.api, {
    id: uid('t'),
    name: 'Rodez Agglomération',
    insee: '12202',
    consultant: CLAIRE,
  });
  const state = env.spreadsheet();
  const sheet = state.spreadsheet.insertSheet('Suivi');
  sheet.getRange(1, 1, 1, 6).setValues([['Date', 'Type', 'Territoire', 'Durée', 'Modalité', 'Résumé']]);
  sheet
    .getRange(2, 1, 8, 6)
    .setValues(
      Array.from({ length: 8 }, (_, i) => [
        `0${i + 1}/10/2025`,
        'Diagnostic',
        t.name,
        '1 h',
        'visio',
        `Séance ${i + 1}`,
      ]),
    );
  // In a thread of its own: the proxy answers on this thread while the add-on waits on its fetch.
  const claire = await env.open(state, CLAIRE);
  const mapping = {
    date: 'Date',
    kind: 'Type',
    territoryId: 'Territoire',
    durationMinutes: 'Durée',
    mode: 'Modalité',
    summary: 'Résumé',
  };
  return { t, state, sheet, claire, mapping };
}

describe('an import slowed down by the writes-per-minute limit', () => {
  it('waits as the worker asks, sends the refused rows again together, and imports each once', async () => {
    const { t, state, sheet, claire, mapping } = await staffTabOfEight();
    refuse = 3;
    claire.fetchLog.length = 0;
    const importAll = async () =>
      (await claire.run('importTab', {
        tab: 'Suivi',
        target: 'sessions',
        mapping: { ...mapping, participants: 'Participants' },
        dryRun: false,
      })) as Result<ImportOutcome>;
    const res = await importAll();
    // No « Participants » column: every row says so, nothing is sent.
    expect(res.ok && res.data.refused).toBe(8);
    sheet.getRange(1, 7).setValue('Participants');
    sheet.getRange(2, 7, 8, 1).setValues(Array.from({ length: 8 }, () => [3]));
    const done = await importAll();
    expect(done.ok && done.data, JSON.stringify(done)).toMatchObject({ created: 8, refused: 0, notSent: 0 });
    const rounds = new Set(
      claire.fetchLog
        .filter((f) => f.method === 'POST' && f.url.endsWith('/v1/sessions'))
        .map((f) => f.round),
    );
    expect(rounds.size).toBe(2);
    expect(sessionPosts).toHaveLength(8 + 3);
    // The second send waited for the limiter: three refused rows, a second each.
    expect(sessionPosts.at(-1)! - sessionPosts[0]!).toBeGreaterThanOrEqual(2_900);
    const listed = (await env.worker.api(CLAIRE)('GET', `/v1/sessions?territoryId=${t.id}`)).body as {
      sessions: unknown[];
    };
    expect(listed.sessions).toHaveLength(8);
    expect(
      readTab(state, 'Suivi').rows.every((r) => r['Statut import VELI VELO'] === 'OK\u00a0: importée'),
    ).toBe(true);
  }, 120_000);
});
