import type { Env } from '../env';
import { GoogleError, googleTimeoutMs } from './http';
import { serviceAccountKey, serviceAccountToken } from './service-account';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
export const DEFAULT_SHEETS_URL = 'https://sheets.googleapis.com';
export const ALERTS_TAB = 'Alertes';

/** Column letters for A1 notation: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Replaces the "Alertes" tab with `rows` in ONE call (spreadsheets.values.update). Rows the
 * previous write left below the new content are overwritten with empty strings, which
 * clears them, so no separate clear call is needed. RAW input: a territory name starting
 * with "=" stays text, never a formula. Returns the number of rows written, or null when
 * the service account or the spreadsheet is not configured.
 */
export async function writeAlertsTab(
  env: Env,
  rows: readonly (readonly string[])[],
  previousRows: number,
): Promise<number | null> {
  const spreadsheetId = env.ALERTS_SPREADSHEET_ID;
  if (!spreadsheetId || !serviceAccountKey(env)) return null;
  const token = await serviceAccountToken(env, [SHEETS_SCOPE]);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const height = Math.max(rows.length, previousRows, 1);
  const values = Array.from({ length: height }, (_, i) =>
    Array.from({ length: width }, (_, j) => rows[i]?.[j] ?? ''),
  );
  const range = `${ALERTS_TAB}!A1:${columnLetter(width)}${height}`;
  const base = (env.GOOGLE_SHEETS_URL || DEFAULT_SHEETS_URL).replace(/\/+$/, '');
  const url = `${base}/v4/spreadsheets/${encodeURIComponent(spreadsheetId)}/values/${encodeURIComponent(range)}?valueInputOption=RAW`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ range, majorDimension: 'ROWS', values }),
      signal: AbortSignal.timeout(googleTimeoutMs(env)),
    });
  } catch (err) {
    const timedOut = (err as Error)?.name === 'TimeoutError';
    throw new GoogleError(
      timedOut ? 504 : 503,
      `Sheets values.update ${timedOut ? 'timed out' : 'unreachable'}`,
    );
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new GoogleError(res.status, 'Sheets values.update refused');
  }
  await res.body?.cancel();
  return rows.length;
}
