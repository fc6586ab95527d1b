import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import type { Env } from '../../worker/env';
import { serviceAccountToken } from '../../worker/google/service-account';
import { SHEETS_SCOPE } from '../../worker/google/sheets';
import { digestText, mimeMessage } from '../../worker/nightly/digest';
import { call, makeTerritory, uid } from './helpers';
import { logSession, openFor, runCheck, workerEnv } from './nightly-support';
import { plain } from './plain';

const google = inject('fakeGoogleSheets');

/** The env of a deployment with the service account and the alerts spreadsheet configured. */
const sheetsEnv = (spreadsheetId: string, key = google.privateKeyPem, clientEmail = google.clientEmail) => ({
  GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify({ client_email: clientEmail, private_key: key }),
  GOOGLE_TOKEN_URL: google.tokenUrl,
  GOOGLE_SHEETS_URL: google.url,
  ALERTS_SPREADSHEET_ID: spreadsheetId,
});

/** Reads the tab back through the Sheets API (values.get), as a person's script would. */
async function readTab(spreadsheetId: string): Promise<string[][]> {
  const token = await serviceAccountToken({ ...workerEnv, ...sheetsEnv(spreadsheetId) } as Env, [
    SHEETS_SCOPE,
  ]);
  const res = await fetch(
    `${google.url}/v4/spreadsheets/${spreadsheetId}/values/${encodeURIComponent('Alertes!A1:G1000')}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { values?: string[][] }).values ?? [];
}

/** Writes (PUT values.update) the stand-in received for one spreadsheet. */
const sheetWrites = async (spreadsheetId: string) =>
  (
    (await (await fetch(`${google.url}/_fake/calls?spreadsheetId=${spreadsheetId}`)).json()) as {
      calls: { method: string }[];
    }
  ).calls.filter((c) => c.method === 'PUT').length;

const openCount = async () =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM alerts WHERE resolved_at IS NULL').first<{ n: number }>())
    ?.n;

describe('delivery to the "Alertes" tab through the Sheets API', () => {
  it('writes the open alerts in one call, and blanks the rows a shorter list leaves', async () => {
    const sheet = `sheet-${uid()}`;
    const { territory } = await makeTerritory({ name: 'Territoire =SOMME(A1)' });
    const first = await runCheck('2025-05-05', sheetsEnv(sheet));
    expect(first).toMatchObject({ ok: true, error: null });
    expect(await sheetWrites(sheet)).toBe(1);

    const tab = await readTab(sheet);
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
    const row = tab.find((r) => r[6] === `interview-missing|territory|${territory.id}`);
    // RAW input: a name that looks like a formula stays text.
    expect(row?.slice(0, 3)).toEqual([
      'Attention',
      'Entretien individuel manquant',
      'Territoire « Territoire =SOMME(A1) »',
    ]);
    expect(row?.[4]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    await logSession({ kind: 'territory-interview', territoryId: territory.id, date: '2025-05-02' });
    const second = await runCheck('2025-05-05', sheetsEnv(sheet));
    expect(second.ok).toBe(true);
    expect(second.alerts!.open).toBe(first.alerts!.open - 1);
    expect(await sheetWrites(sheet)).toBe(2);
    const after = await readTab(sheet);
    expect(after).toHaveLength(1 + second.alerts!.open);
    expect(after.some((r) => r[6] === `interview-missing|territory|${territory.id}`)).toBe(false);
  });

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
    const pem = `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...der))
      .match(/.{1,64}/g)!
      .join('\n')}\n-----END PRIVATE KEY-----\n`;
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

describe('the French e-mail digest', () => {
  it('goes through the send_email binding to each address when alerts change, not when nothing changed', async () => {
    const sent: { from: string; to: string }[] = [];
    const binding = (workerEnv as Env).SEND_EMAIL!;
    const SEND_EMAIL = {
      // Records the envelope, then hands the message to the real local binding, which parses
      // the MIME and refuses it if malformed.
      send: async (m: EmailMessage) => {
        sent.push({ from: m.from, to: m.to });
        return binding.send(m);
      },
    } as SendEmail;
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
