import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { ALERTS_HEADERS } from '../../shared/sheets/alerts-tab';
import { app } from '../../worker/app';
import type { Env } from '../../worker/env';
import { serviceAccountToken } from '../../worker/google/service-account';
import { SHEETS_SCOPE } from '../../worker/google/sheets';
import { digestText, mimeMessage } from '../../worker/nightly/digest';
import { ADMIN, call, makeTerritory, uid } from './helpers';
import { logSession, openFor, runCheck, workerEnv } from './nightly-support';
import { plain } from './plain';

const google = inject('fakeGoogleSheets');

/** The env of a deployment with the service account and the alerts spreadsheet configured. */
const sheetsEnv = (spreadsheetId: string, key = google.privateKeyPem, clientEmail = google.clientEmail) => ({
  GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify({ client_email: clientEmail, private_key: key }),
  GOOGLE_TOKEN_URL: google.tokenUrl,
  GOOGLE_SHEETS_URL: google.url,
  GOOGLE_RETRY_DELAYS_MS: '5,10,20',
  ALERTS_SPREADSHEET_ID: spreadsheetId,
});

type Cell = string | number | boolean;

/** A Sheets values call with the service account's token, as a person's script would make it. */
async function sheets(spreadsheetId: string, range: string, init: RequestInit = {}, query = '') {
  const token = await serviceAccountToken({ ...workerEnv, ...sheetsEnv(spreadsheetId) } as Env, [
    SHEETS_SCOPE,
  ]);
  const res = await fetch(
    `${google.url}/v4/spreadsheets/${spreadsheetId}/values/${encodeURIComponent(range)}${query}`,
    { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { values?: Cell[][] };
}

/** The whole tab as people see it (values.get, formatted), or rendered another way. */
async function readTab(spreadsheetId: string, render = 'FORMATTED_VALUE'): Promise<Cell[][]> {
  return (await sheets(spreadsheetId, 'Alertes', {}, `?valueRenderOption=${render}`)).values ?? [];
}

/** What a person writes in the tab (values.update): RAW keeps text, USER_ENTERED reads a formula. */
const edit = (spreadsheetId: string, range: string, values: Cell[][], input = 'RAW') =>
  sheets(
    spreadsheetId,
    range,
    { method: 'PUT', body: JSON.stringify({ range, values }) },
    `?valueInputOption=${input}`,
  );

/** The Sheets values calls the stand-in received for one spreadsheet, by method. */
async function sheetCalls(spreadsheetId: string) {
  const { calls } = (await (
    await fetch(`${google.url}/_fake/calls?spreadsheetId=${spreadsheetId}`)
  ).json()) as { calls: { method: string }[] };
  return {
    get: calls.filter((c) => c.method === 'GET').length,
    put: calls.filter((c) => c.method === 'PUT').length,
  };
}

/** Writes (PUT values.update) the stand-in received for one spreadsheet. */
const sheetWrites = async (spreadsheetId: string) => (await sheetCalls(spreadsheetId)).put;

const openCount = async () =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM alerts WHERE resolved_at IS NULL').first<{ n: number }>())
    ?.n;

const interviewKey = (t: { territory: { id: string } }) => `interview-missing|territory|${t.territory.id}`;
/** The sheet row (1-based, as A1 notation counts) of a territory's « entretien manquant » alert. */
const rowOf = (tab: Cell[][], t: { territory: { id: string } }) =>
  tab.findIndex((r) => r[6] === interviewKey(t)) + 1;
const interview = (t: { territory: { id: string } }) =>
  logSession({ kind: 'territory-interview', territoryId: t.territory.id, date: '2025-05-02' });

/** The check as of `date`, delivering to the spreadsheet's "Alertes" tab. */
const deliver = (sheet: string, date = '2025-05-05') => runCheck(date, sheetsEnv(sheet));

/**
 * A fresh spreadsheet after a first successful run, with two new territories' alerts on it
 * (`above` created first, so its row is above that of `below`); `before` is the tab then.
 */
async function twoAlertsOnTab(aboveName: string, belowName: string) {
  const sheet = `sheet-${uid()}`;
  const above = await makeTerritory({ name: `${aboveName} ${uid('t')}` });
  const below = await makeTerritory({ name: `${belowName} ${uid('t')}` });
  expect((await deliver(sheet)).ok).toBe(true);
  const before = await readTab(sheet);
  return { sheet, above, below, before };
}

/** A PEM private key of a service account Google never heard of. */
async function unknownKeyPem() {
  const pair = (await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const der = new Uint8Array((await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer);
  return `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...der))
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/**
 * A send_email binding that records each message (`record`), then hands it to the real local
 * binding, which parses the MIME and refuses it if malformed.
 */
function recordingMail(record: (m: EmailMessage) => void) {
  const binding = (workerEnv as Env).SEND_EMAIL!;
  return {
    send: async (m: EmailMessage) => {
      record(m);
      return binding.send(m);
    },
  } as SendEmail;
}

describe('delivery to the "Alertes" tab through the Sheets API', () => {
  it('reads the tab then writes it in one call each; blanks the rows a shorter list leaves', async () => {
    const sheet = `sheet-${uid()}`;
    const { territory } = await makeTerritory({ name: 'Territoire =SOMME(A1)' });
    const first = await deliver(sheet);
    expect(first).toMatchObject({ ok: true, error: null });
    expect(await sheetCalls(sheet)).toEqual({ get: 1, put: 1 });

    const tab = await readTab(sheet);
    expect(tab[0]).toEqual(ALERTS_HEADERS);
    expect(tab[0]).toEqual([
      'Gravité',
      'Règle',
      'Objet',
      'Message',
      'Vue la première fois',
      'Vue la dernière fois',
      'Clé',
    ]);
    expect(tab).toHaveLength(1 + first.alerts!.open);
    const row = tab.find((r) => r[6] === `interview-missing|territory|${territory.id}`)!;
    // RAW input: a name that looks like a formula stays text; French typography in the cells.
    expect(row.slice(0, 3).map(String).map(plain)).toEqual([
      'Attention',
      'Entretien individuel manquant',
      'Territoire « Territoire =SOMME(A1) »',
    ]);
    expect(String(row[2])).toBe('Territoire «\u00A0Territoire =SOMME(A1)\u00A0»');
    expect(row[4]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    await logSession({ kind: 'territory-interview', territoryId: territory.id, date: '2025-05-02' });
    const second = await deliver(sheet);
    expect(second.ok).toBe(true);
    expect(second.alerts!.open).toBe(first.alerts!.open - 1);
    expect(await sheetWrites(sheet)).toBe(2);
    const after = await readTab(sheet);
    expect(after).toHaveLength(1 + second.alerts!.open);
    expect(after.some((r) => r[6] === `interview-missing|territory|${territory.id}`)).toBe(false);
  });
});

describe('staff columns of the "Alertes" tab follow their alert', () => {
  it('keeps staff columns beside their alert through a run that opens one alert and lifts another', async () => {
    const { sheet, above: lifted, below: stays, before } = await twoAlertsOnTab('Albi', 'Vabre');
    const at = rowOf(before, stays);
    // The lifted alert's row is above: removing it moves the row that stays.
    expect(rowOf(before, lifted)).toBeGreaterThan(1);
    expect(rowOf(before, lifted)).toBeLessThan(at);
    // A person's columns: a comment, a checkbox, text that looks like a formula, and a formula
    // of their own in the header row (USER_ENTERED), which no row move concerns.
    await edit(sheet, 'Alertes!H1:J1', [['Commentaire ADEME', 'Traité', 'Note']]);
    await edit(sheet, 'Alertes!K1:K1', [['=COUNTA(H:H)']], 'USER_ENTERED');
    await edit(sheet, `Alertes!H${at}:J${at}`, [['Relancer le territoire : RDV le 12/05', true, '=1+1']]);

    await interview(lifted);
    const fresh = await makeTerritory({ name: `Cahors ${uid('t')}` });
    const calls = await sheetCalls(sheet);
    const run = await deliver(sheet);
    expect(run.ok, String(run.error)).toBe(true);
    expect(run.alerts!.opened).toBeGreaterThanOrEqual(1);
    expect(run.alerts!.resolved).toBe(1);
    // One read and one write of the tab, nothing else.
    expect(await sheetCalls(sheet)).toEqual({ get: calls.get + 1, put: calls.put + 1 });

    const tab = await readTab(sheet);
    const typed = await readTab(sheet, 'UNFORMATTED_VALUE');
    const now = rowOf(tab, stays);
    expect(now).toBe(at - 1);
    expect(tab[now - 1]!.slice(7, 10)).toEqual(['Relancer le territoire : RDV le 12/05', 'TRUE', '=1+1']);
    // The checkbox is still a boolean, the formula-looking text still text (RAW).
    expect(typed[now - 1]!.slice(8, 10)).toEqual([true, '=1+1']);
    // Nothing of that comment left on the row it came from, nor anywhere else.
    expect(tab.filter((r) => r[7] === 'Relancer le territoire : RDV le 12/05')).toHaveLength(1);
    expect(rowOf(tab, lifted)).toBe(0);
    // The new alert is appended below every row that was there.
    expect(rowOf(tab, fresh)).toBeGreaterThan(before.length - 1);
    expect(tab).toHaveLength(1 + run.alerts!.open);
    expect(tab[0]!.slice(7, 10)).toEqual(['Commentaire ADEME', 'Traité', 'Note']);
    // The person's formula was not rewritten (a cell that does not change is not sent).
    expect((await readTab(sheet, 'FORMULA'))[0]![10]).toBe('=COUNTA(H:H)');
  });
});

describe('lifted alerts with staff notes in the "Alertes" tab', () => {
  it('a lifted alert with a comment beside it is kept, marked « Levée le … »; without, its row goes', async () => {
    const { sheet, above: noted, below: silent, before } = await twoAlertsOnTab('Castres', 'Millau');
    const row = rowOf(before, noted);
    await edit(sheet, `Alertes!H${row}:H${row}`, [['Entretien prévu le 2 mai : à vérifier']]);
    await interview(noted);
    await interview(silent);

    const run = await deliver(sheet);
    expect(run.ok, String(run.error)).toBe(true);
    expect(run.alerts!.resolved).toBe(2);
    const tab = await readTab(sheet);
    const kept = tab[rowOf(tab, noted) - 1]!;
    expect(plain(String(kept[0]))).toBe('Levée le 05/05/2025');
    // The rest of the row as it was, the comment beside it.
    expect(kept.slice(1, 7)).toEqual(before[row - 1]!.slice(1, 7));
    expect(kept[7]).toBe('Entretien prévu le 2 mai : à vérifier');
    expect(rowOf(tab, silent)).toBe(0);
    expect(tab).toHaveLength(1 + run.alerts!.open + 1);

    // The next night changes nothing on it: still there, still lifted on the 5th.
    expect((await deliver(sheet, '2025-05-07')).ok).toBe(true);
    const later = await readTab(sheet);
    expect(later[rowOf(later, noted) - 1]!.slice(0, 8)).toEqual(kept.slice(0, 8));
  });

  it('a row the add-on wrote (real dates) keeps its dates when it is kept and moves up', async () => {
    const { sheet, above: gone, below: t, before } = await twoAlertsOnTab('Albi', 'Vabre');
    const at = rowOf(before, t);
    expect(rowOf(before, gone)).toBeLessThan(at);
    // The add-on writes instants as dates: values.get (unformatted) reads them as serial numbers.
    // 45782.5 is 5 May 2025 at 12:00 in the spreadsheet's time.
    await edit(sheet, `Alertes!E${at}:H${at}`, [[45782.5, 45782.5, interviewKey(t), 'Vu avec la DR']]);
    await interview(gone);
    await interview(t);
    expect((await deliver(sheet)).ok).toBe(true);
    const tab = await readTab(sheet);
    expect(rowOf(tab, t)).toBe(at - 1);
    const kept = tab[at - 2]!;
    expect(plain(String(kept[0]))).toBe('Levée le 05/05/2025');
    expect(kept.slice(4, 8)).toEqual([
      '05/05/2025 12:00',
      '05/05/2025 12:00',
      interviewKey(t),
      'Vu avec la DR',
    ]);
  });
});

describe('a Sheets delivery that fails', () => {
  it('a failing Sheets delivery is recorded and loses no alert', async () => {
    const { territory } = await makeTerritory();
    const run = await runCheck('2025-05-05', sheetsEnv(`fail-${uid()}`));
    expect(run.ok).toBe(false);
    expect(run.error).toMatch(
      /^Écriture de l’onglet « Alertes » impossible \(HTTP 500\) : les alertes sont enregistrées/,
    );
    // The check itself went through: its alerts are stored and listed.
    expect(await openFor('interview-missing', territory.id)).toHaveLength(1);
    expect(run.alerts!.open).toBe(await openCount());
    const listed = await call('GET', '/v1/alerts');
    expect(listed.body.lastRun).toMatchObject({ id: run.id, ok: false });
  });

  it('the token endpoint refuses a key it does not know; the run says so and keeps the alerts', async () => {
    const pem = await unknownKeyPem();
    const before = await openCount();
    const run = await runCheck(
      '2025-05-05',
      sheetsEnv(`sheet-${uid()}`, pem, 'intrus@example.iam.gserviceaccount.com'),
    );
    expect(run.ok).toBe(false);
    expect(run.error).toContain('(HTTP 400)');
    expect(await openCount()).toBe(before);
  });
});

describe('the French e-mail digest, sent', () => {
  it('goes through the send_email binding to each address when alerts change, not when nothing changed', async () => {
    const sent: { from: string; to: string }[] = [];
    const SEND_EMAIL = recordingMail((m) => sent.push({ from: m.from, to: m.to }));
    const mailEnv = {
      SEND_EMAIL,
      ALERT_EMAILS: 'suivi@ademe.example, amo@conseil.example',
      ALERT_SENDER: 'alertes@veli-velo.example',
    };
    await makeTerritory();
    const first = await runCheck('2025-05-05', mailEnv);
    expect(first, String(first.error)).toMatchObject({ ok: true });
    expect(sent).toEqual([
      { from: 'alertes@veli-velo.example', to: 'suivi@ademe.example' },
      { from: 'alertes@veli-velo.example', to: 'amo@conseil.example' },
    ]);
    const again = await runCheck('2025-05-05', mailEnv);
    expect(again.ok).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it('a simulation (another date than today) writes no tab and sends no e-mail, where both are configured', async () => {
    const sheet = `sheet-${uid()}`;
    const sent: string[] = [];
    const SEND_EMAIL = recordingMail((m) => sent.push(m.to));
    const deployed = {
      ...workerEnv,
      ...sheetsEnv(sheet),
      SEND_EMAIL,
      ALERT_EMAILS: 'suivi@ademe.example',
      ALERT_SENDER: 'alertes@veli-velo.example',
    };
    await makeTerritory();
    const res = await app.request(
      '/v1/checks/run',
      {
        method: 'POST',
        headers: { 'x-dev-user': ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify({ asOf: '2025-09-09' }),
      },
      deployed,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { run: { simulated: boolean }; alerts: unknown[] };
    expect(body.run.simulated).toBe(true);
    expect(body.alerts.length).toBeGreaterThan(0);
    expect(await sheetWrites(sheet)).toBe(0);
    expect(sent).toEqual([]);
    // The same deployment's real check does both: the stand-ins were listening.
    expect((await runCheck('2025-09-09', deployed)).ok).toBe(true);
    expect(await sheetWrites(sheet)).toBe(1);
    expect(sent).toEqual(['suivi@ademe.example']);
  });
});

describe('the French e-mail digest message', () => {
  it('is a valid UTF-8 message whose subject and body read in French', () => {
    const { subject, text } = digestText({
      programmeName: 'VELI VELO Occitanie',
      asOf: '2025-05-05',
      opened: [{ severity: 'warning', message: 'Territoire « Albi » : aucun entretien individuel.' }],
      resolved: [],
      open: [
        { severity: 'warning', message: 'Territoire « Albi » : aucun entretien individuel.' },
        { severity: 'critical', message: 'Programme : COPIL — 4 séances sur 3.' },
      ],
    });
    expect(plain(subject)).toBe(
      '[VELI VELO Occitanie] Contrôle du 5 mai 2025 : 1 nouvelle alerte, 0 alerte levée',
    );
    const raw = mimeMessage({
      from: 'alertes@veli-velo.example',
      to: 'suivi@ademe.example',
      subject,
      text,
      date: new Date(Date.UTC(2025, 4, 5, 1, 30)),
      messageId: 'digest-1@veli-velo.example',
    });
    const [head, body] = raw.split('\r\n\r\n') as [string, string];
    expect(head).toContain('Date: Mon, 05 May 2025 01:30:00 +0000');
    expect(head).toMatch(/^Content-Type: text\/plain; charset=utf-8$/im);
    expect(head).toMatch(/^Content-Transfer-Encoding: base64$/m);
    expect(head).toMatch(/^Message-ID: <digest-1@veli-velo\.example>$/m);
    expect(head).toMatch(/^To: <suivi@ademe\.example>$/m);
    const encodedSubject = /^Subject: =\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/im.exec(head)?.[1] ?? '';
    const encodedSender =
      /^From: =\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?= <alertes@veli-velo\.example>$/im.exec(head)?.[1] ?? '';
    const utf8 = (b64: string) =>
      new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    expect(utf8(encodedSubject)).toBe(subject);
    expect(utf8(encodedSender)).toBe('Contrôle VELI VELO');
    expect(body.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    const decoded = plain(utf8(body.replace(/\r\n/g, '')));
    expect(decoded).toContain('2 alertes ouvertes : 1 critique, 1 à surveiller, 0 pour information.');
    // Most severe first in the full list.
    const all = decoded.slice(decoded.indexOf('Toutes les alertes ouvertes (2)'));
    expect(all.indexOf('[Critique] Programme')).toBeGreaterThan(0);
    expect(all.indexOf('[Critique] Programme')).toBeLessThan(all.indexOf('[Attention] Territoire « Albi »'));
  });
});
