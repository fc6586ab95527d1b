import type { Env } from '../env';
import { googleFetch, googleTimeoutMs, retryDelays } from './http';
import { serviceAccountToken } from './service-account';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
export const DEFAULT_SHEETS_URL = 'https://sheets.googleapis.com';

/** A cell as the Sheets values API carries it (bool, string, double). */
export type SheetCell = string | number | boolean;

/** Column letters for A1 notation: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A tab's name in A1 notation, quoted (always allowed, needed for spaces and quotes). */
const a1Tab = (tab: string) => `'${tab.replace(/'/g, "''")}'`;

/** One spreadsheet, reached with the worker's service account. */
export interface Spreadsheet {
  values: (range: string) => string;
  http: { token: string; timeoutMs: number; retryDelaysMs: readonly number[] };
}

/**
 * The spreadsheet `ALERTS_SPREADSHEET_ID` with a service-account token, or null when the
 * spreadsheet or the service account is not configured.
 */
export async function alertsSpreadsheet(env: Env): Promise<Spreadsheet | null> {
  const id = env.ALERTS_SPREADSHEET_ID;
  const token = id ? await serviceAccountToken(env, [SHEETS_SCOPE]) : null;
  if (!id || !token) return null;
  const base = (env.GOOGLE_SHEETS_URL || DEFAULT_SHEETS_URL).replace(/\/+$/, '');
  return {
    values: (range) =>
      `${base}/v4/spreadsheets/${encodeURIComponent(id)}/values/${encodeURIComponent(range)}`,
    http: { token, timeoutMs: googleTimeoutMs(env), retryDelaysMs: retryDelays(env) },
  };
}

/**
 * A whole tab in one `spreadsheets.values.get`, unformatted: numbers, booleans and dates (as
 * serial numbers) keep their type, so writing them back RAW changes nothing. As Google
 * documents, trailing empty rows and cells are left out (an empty tab has no `values`).
 */
export async function readTab(s: Spreadsheet, tab: string): Promise<SheetCell[][]> {
  const url = `${s.values(a1Tab(tab))}?valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER`;
  const res = await googleFetch(s.http, url, { method: 'GET' }, 'Sheets values.get');
  return ((await res.json()) as { values?: SheetCell[][] }).values ?? [];
}

/**
 * Writes `values` from A1 in one `spreadsheets.values.update`. RAW input: text stays text
 * (a name starting with « = » is never a formula). A null cell is skipped (left as it is), an
 * empty string clears it (Google's documented meaning of both).
 */
export async function writeTab(s: Spreadsheet, tab: string, values: readonly (SheetCell | null)[][]) {
  const width = Math.max(1, ...values.map((r) => r.length));
  const range = `${a1Tab(tab)}!A1:${columnLetter(width)}${Math.max(1, values.length)}`;
  const res = await googleFetch(
    s.http,
    `${s.values(range)}?valueInputOption=RAW`,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ range, majorDimension: 'ROWS', values }),
    },
    'Sheets values.update',
  );
  await res.body?.cancel();
}
