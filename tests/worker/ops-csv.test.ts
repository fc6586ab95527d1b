import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_AND_TIME, dateFormat, PARIS } from '../../shared/dates';
import { MSG } from '../../shared/i18n/messages';
import { CSV_TABLE_NAMES } from '../../worker/export/csv-tables';
import { ADMIN, call, uid } from './helpers';
import { callOn, richRecord, TRICKY } from './ops-support';

type Read = { text: string } | { number: number } | { date: string } | { formula: string };

/**
 * A CSV file as French Excel opens it with a double click: UTF-8 only with a byte order mark,
 * `;` between cells, quoted cells with doubled quotes, CRLF rows; then each cell as Excel
 * types it: a leading apostrophe marks text, `= + - @` start a formula, `JJ/MM/AAAA` is a date,
 * a number has a decimal comma.
 */
function readAsExcel(text: string): Read[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) cell += ch;
    else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  expect(cell).toBe('');
  return rows.map((r) =>
    r.map((c): Read => {
      if (c.startsWith("'")) return { text: c.slice(1) };
      if (/^[=+\-@]/.test(c)) return { formula: c };
      if (/^\d{2}\/\d{2}\/\d{4}( \d{2}:\d{2})?$/.test(c)) return { date: c };
      if (/^\d+(,\d+)?$/.test(c)) return { number: Number(c.replace(',', '.')) };
      return { text: c };
    }),
  );
}

/** The rows as objects by header, each cell as Excel read it. */
async function exported(table: string, as = ADMIN) {
  const res = await callOn({}, 'GET', `/v1/export/${table}.csv`, { as });
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(
    new RegExp(`attachment; filename="veli-velo-${table}-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
  );
  const [head, ...rows] = readAsExcel(res.text);
  const headers = head!.map((h) => ('text' in h ? h.text : JSON.stringify(h)));
  return rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])));
}

const VIEWER = `${uid('lecteur')}@ademe.example`;
let consultant = '';

beforeAll(async () => {
  ({ consultant } = await richRecord());
  await call('POST', '/v1/members', { body: { email: VIEWER, role: 'viewer' } });
});

describe('CSV exports as French Excel reads them', () => {
  it('sessions: text that looks like a formula stays text, Paris dates are dates, minutes are numbers', async () => {
    const rows = await exported('sessions');
    const tricky = rows.find((r) => JSON.stringify(r['Résumé']).includes('HYPERLINK'))!;
    expect(tricky['Résumé']).toEqual({ text: TRICKY.formula });
    expect(tricky['Décisions']).toEqual({ text: TRICKY.plus });
    expect(tricky['Prochaines étapes']).toEqual({ text: TRICKY.minus });
    expect(tricky['Date']).toEqual({ date: '10/03/2025' });
    expect(tricky['Durée (min)']).toEqual({ number: 120 });
    expect(tricky['Type']).toEqual({ text: 'Diagnostic et accompagnement' });
    expect(rows.find((r) => JSON.stringify(r['Résumé']).includes('🚲'))!['Résumé']).toEqual({
      text: TRICKY.unicode,
    });
    // Nothing in any export is read as a formula.
    for (const table of CSV_TABLE_NAMES)
      for (const r of await exported(table))
        expect(Object.values(r).filter((c) => 'formula' in (c as object))).toEqual([]);
  });

  it('instants are Paris wall-clock time, the deleted session is there with when and by whom', async () => {
    const rows = await exported('sessions');
    const stored = await env.DB.prepare('SELECT id, created_at, deleted_at FROM sessions').all<{
      id: string;
      created_at: string;
      deleted_at: string | null;
    }>();
    const paris = (iso: string) => {
      const p = Object.fromEntries(
        dateFormat('fr-FR', PARIS, { ...DAY_AND_TIME, hourCycle: 'h23' })
          .formatToParts(new Date(iso))
          .map((x) => [x.type, x.value]),
      );
      return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
    };
    for (const s of stored.results) {
      const row = rows.find((r) => (r['Identifiant'] as { text: string }).text === s.id)!;
      expect(row['Saisie le']).toEqual({ date: paris(s.created_at) });
      if (s.deleted_at) expect(row['Supprimée le']).toEqual({ date: paris(s.deleted_at) });
    }
    expect(rows.some((r) => 'date' in (r['Supprimée le'] as object))).toBe(true);
  });
});

describe('CSV exports: numbers, personal data, who may export', () => {
  it('indicators: decimal commas read as numbers', async () => {
    const row = (await exported('indicators')).find((r) => (r['Unité'] as { text: string }).text === '%')!;
    expect(row['Valeur']).toEqual({ number: 12.5 });
    expect(row['Cible']).toEqual({ number: 33.3 });
    expect(row['Indicateur']).toEqual({ text: 'Taux d’utilisation' });
  });

  it('territories carry their contacts’ e-mail and phone for ADEME staff (admins and viewers)', async () => {
    for (const who of [ADMIN, VIEWER]) {
      const rows = await exported('territories', who);
      const contacts = rows.map((r) => JSON.stringify(r['Contacts'])).join(' ');
      expect(contacts).toContain('anais.lefevre@albi.example');
      expect(contacts).toContain('+33 5 63 00 00 00');
    }
  });

  it('every table answers for admins and viewers, never for consultants or strangers, and each export is audited', async () => {
    for (const table of CSV_TABLE_NAMES) {
      expect((await callOn({}, 'GET', `/v1/export/${table}.csv`, { as: VIEWER })).status).toBe(200);
      const refused = await callOn({}, 'GET', `/v1/export/${table}.csv`, { as: consultant });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(MSG.staffOnlyRead);
    }
    const lines = await env.DB.prepare(
      "SELECT actor, entity_id FROM audit WHERE action = 'export' AND entity = 'csv' AND actor = ?",
    )
      .bind(VIEWER)
      .all<{ entity_id: string }>();
    expect([...new Set(lines.results.map((l) => l.entity_id))].sort()).toEqual([...CSV_TABLE_NAMES].sort());
    const stranger = await callOn({}, 'GET', '/v1/export/sessions.csv', { as: 'inconnu@example.org' });
    expect(stranger.status).toBe(403);
  });
});
