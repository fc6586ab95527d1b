// A local stand-in for Google's OAuth token endpoint and the Sheets API v4 values
// resource, speaking their documented wire format, for tests only (Google is unreachable
// from tests). It verifies the service account's RS256 JWT against the test key, issues
// bearer tokens, and keeps each spreadsheet's cells in memory so tests read back what the
// worker wrote with values.get, as they would in Google: typed cells, RAW or USER_ENTERED
// input, null skipped and "" clearing on input, trailing empty rows and cells left out on
// output, a tab alone as a range. Tests may seed a tab (a person's edits) with values.update.
import { generateKeyPairSync, type KeyObject, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readText } from './proxy';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface FakeGoogleInfo {
  url: string;
  tokenUrl: string;
  clientEmail: string;
  privateKeyPem: string;
}

interface Call {
  method: string;
  path: string;
  spreadsheetId?: string;
  /** The A1 range of a values call, as sent. */
  range?: string;
}

/** A stored cell: a value as Sheets keeps it, or a formula (only USER_ENTERED makes one). */
type Cell = string | number | boolean | { formula: string };
type Grid = (Cell | undefined)[][];
type Rendered = string | number | boolean;

/** A fresh tab's grid, as Google creates it: 1,000 rows of 26 columns (A…Z). */
const GRID_ROWS = 1000;
const GRID_COLUMNS = 26;

const b64url = (s: string) => Buffer.from(s, 'base64url');

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

const googleError = (res: ServerResponse, code: number, status: string, message: string) =>
  send(res, code, { error: { code, message, status } });

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * A1 notation: "Alertes!A1:G12", "'Alertes'!A1:G12", or a tab alone ("Alertes", "'Alertes'"),
 * which is every cell of the tab. Null when Google would say it cannot parse it.
 */
function parseRange(a1: string) {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))(?:!([A-Z]+)(\d+):([A-Z]+)(\d+))?$/.exec(a1);
  if (!m) return null;
  const tab = (m[1] ?? m[2] ?? '').replace(/''/g, "'");
  if (!m[3]) return { tab, whole: true, col0: 0, row0: 0, col1: GRID_COLUMNS - 1, row1: GRID_ROWS - 1 };
  return {
    tab,
    whole: false,
    col0: columnNumber(m[3]) - 1,
    row0: Number(m[4]) - 1,
    col1: columnNumber(m[5]!) - 1,
    row1: Number(m[6]) - 1,
  };
}

/**
 * A cell as values.get renders it (ValueRenderOption): FORMATTED_VALUE (the default) as the
 * text shown, UNFORMATTED_VALUE typed, FORMULA the formula itself. This stand-in computes no
 * formula: it shows the error Sheets shows for a function it does not know.
 */
function render(cell: Cell | undefined, option: string): Rendered {
  if (cell === undefined) return '';
  if (typeof cell === 'object') return option === 'FORMULA' ? cell.formula : '#NAME?';
  if (option !== 'FORMATTED_VALUE') return cell;
  return typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell);
}

/**
 * A value written by values.update as Sheets stores it (ValueInputOption): RAW keeps it as
 * sent; USER_ENTERED parses strings as if typed (formulas, numbers, booleans; a leading
 * apostrophe marks text). Null is skipped and "" clears the cell (ValueRange.values).
 */
function stored(v: unknown, option: string): Cell | undefined | 'skip' | 'invalid' {
  if (v === null) return 'skip';
  if (v === '') return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v !== 'string') return 'invalid';
  if (option === 'RAW') return v;
  if (v.startsWith("'")) return v.slice(1);
  if (v.startsWith('=')) return { formula: v };
  if (/^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  if (/^(true|false)$/i.test(v)) return v.toUpperCase() === 'TRUE';
  return v;
}

/** What one stand-in keeps: keys it trusts, tokens it issued, spreadsheets, calls received. */
interface FakeState {
  base: string;
  keys: Map<string, KeyObject>;
  tokens: Map<string, string>;
  spreadsheets: Map<string, Map<string, Grid>>;
  calls: Call[];
}

/** A spreadsheet's tabs, created on first use. */
function sheet(st: FakeState, id: string) {
  let s = st.spreadsheets.get(id);
  if (!s) {
    // Every spreadsheet has the "Alertes" tab, except ids saying otherwise.
    s = new Map(id.startsWith('no-tab') ? [['Feuille 1', []]] : [['Alertes', []]]);
    st.spreadsheets.set(id, s);
  }
  return s;
}

const tokenError = (res: ServerResponse, error: string, description: string) =>
  send(res, 400, { error, error_description: description });

/** The JWT-bearer grant: RS256 signed by a known service account, short-lived, Sheets scope. */
async function token(st: FakeState, req: IncomingMessage, res: ServerResponse) {
  const form = new URLSearchParams(await readText(req));
  if (form.get('grant_type') !== JWT_BEARER)
    return tokenError(res, 'unsupported_grant_type', 'Invalid grant_type.');
  const parts = (form.get('assertion') ?? '').split('.');
  if (parts.length !== 3) return tokenError(res, 'invalid_request', 'Bad JWT.');
  const [h, p, sig] = parts as [string, string, string];
  const header = JSON.parse(b64url(h).toString('utf8')) as { alg?: string };
  const claims = JSON.parse(b64url(p).toString('utf8')) as Record<string, unknown>;
  const key = st.keys.get(String(claims.iss));
  const now = Math.floor(Date.now() / 1000);
  const valid =
    header.alg === 'RS256' &&
    key !== undefined &&
    verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, b64url(sig));
  if (!valid) return tokenError(res, 'invalid_grant', 'Invalid JWT Signature.');
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (claims.aud !== `${st.base}/token` || !(exp > now && exp - iat <= 3600 && iat <= now + 60))
    return tokenError(res, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token.');
  const scope = String(claims.scope ?? '');
  if (!scope.split(' ').includes(SHEETS_SCOPE))
    return tokenError(res, 'invalid_scope', 'Missing spreadsheets scope.');
  const accessToken = `ya29.fake-${randomUUID()}`;
  st.tokens.set(accessToken, scope);
  send(res, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
}

/** A values call on one range of one tab, authorized and parsed. */
interface ValuesCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  id: string;
  grid: Grid;
  range: NonNullable<ReturnType<typeof parseRange>>;
  rangeText: string;
}

/** The path of spreadsheets.values (spreadsheet id, range), which the Drive stand-in serves too. */
export const VALUES_PATH = /^\/v4\/spreadsheets\/([^/]+)\/values\/([^/:]+)$/;

/** A Sheets state the Drive stand-in shares (one token endpoint for both, as at Google). */
export const sheetsState = (base: string): FakeState => ({
  base,
  keys: new Map(),
  tokens: new Map(),
  spreadsheets: new Map(),
  calls: [],
});

/**
 * spreadsheets.values, reached by a token this stand-in (or the Drive one) issued. `rawBody` is
 * the request's body when the caller has already read it. A spreadsheet whose id starts with
 * `not-shared` is one nobody shared with the service account: Google answers 403.
 */
export async function values(
  st: FakeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  match: string[],
  rawBody?: string,
) {
  const id = decodeURIComponent(match[1]!);
  const rangeText = decodeURIComponent(match[2]!);
  st.calls.push({ method: req.method ?? '', path: url.pathname, spreadsheetId: id, range: rangeText });
  const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!auth || !st.tokens.get(auth)?.split(' ').includes(SHEETS_SCOPE))
    return googleError(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
  if (id.startsWith('fail')) return googleError(res, 500, 'INTERNAL', 'Internal error encountered.');
  if (id.startsWith('not-shared'))
    return googleError(res, 403, 'PERMISSION_DENIED', 'The caller does not have permission');
  const range = parseRange(rangeText);
  const tabs = sheet(st, id);
  if (!range || !tabs.has(range.tab))
    return googleError(res, 400, 'INVALID_ARGUMENT', `Unable to parse range: ${rangeText}`);
  const call: ValuesCall = { req, res, url, id, grid: tabs.get(range.tab)!, range, rangeText };
  if (req.method === 'GET') return getValues(call);
  if (req.method !== 'PUT') return googleError(res, 404, 'NOT_FOUND', 'Method not found.');
  return updateValues(call, rawBody);
}

/** values.get: the range's rows, without trailing empty rows and cells (ValueRange.values). */
function getValues({ res, url, grid, range, rangeText }: ValuesCall) {
  const option = url.searchParams.get('valueRenderOption') ?? 'FORMATTED_VALUE';
  if (!['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'].includes(option))
    return googleError(res, 400, 'INVALID_ARGUMENT', `Invalid value at 'value_render_option' (${option})`);
  const rows: Rendered[][] = [];
  for (let r = range.row0; r <= range.row1; r++) {
    const row: Rendered[] = [];
    for (let c = range.col0; c <= range.col1; c++) row.push(render(grid[r]?.[c], option));
    while (row.length && row.at(-1) === '') row.pop();
    rows.push(row);
  }
  while (rows.length && rows.at(-1)!.length === 0) rows.pop();
  // For output, `range` is the whole range asked for: a tab alone is its whole grid.
  const bounds = `${columnLetters(range.col0 + 1)}${range.row0 + 1}:${columnLetters(range.col1 + 1)}${range.row1 + 1}`;
  return send(res, 200, {
    range: range.whole ? `${rangeText}!${bounds}` : rangeText,
    majorDimension: 'ROWS',
    ...(rows.length ? { values: rows } : {}),
  });
}

/** Why values.update refuses a body on this range, or null when it may write. */
function refusal(body: { range?: string; majorDimension?: string; values?: unknown[][] }, call: ValuesCall) {
  const { range, rangeText } = call;
  if (body.range !== undefined && body.range !== rangeText)
    return `Requested writing within range [${rangeText}], but tried writing to [${body.range}]`;
  if (body.majorDimension !== undefined && body.majorDimension !== 'ROWS')
    return 'Only ROWS is supported by this stand-in.';
  const rows = body.values ?? [];
  const height = range.row1 - range.row0 + 1;
  const width = range.col1 - range.col0 + 1;
  if (rows.length > height || rows.some((r) => r.length > width))
    return `Requested writing within range [${rangeText}], but tried writing beyond it.`;
  return null;
}

/** values.update: RAW or USER_ENTERED cells written in place; null skipped, "" cleared. */
async function updateValues(call: ValuesCall, rawBody?: string) {
  const { req, res, url, id, grid, range, rangeText } = call;
  const option = url.searchParams.get('valueInputOption') ?? '';
  if (option !== 'RAW' && option !== 'USER_ENTERED')
    return googleError(res, 400, 'INVALID_ARGUMENT', `Invalid valueInputOption: '${option}'`);
  const body = JSON.parse(rawBody ?? (await readText(req))) as {
    range?: string;
    majorDimension?: string;
    values?: unknown[][];
  };
  const refused = refusal(body, call);
  if (refused) return googleError(res, 400, 'INVALID_ARGUMENT', refused);
  const cells = (body.values ?? []).map((row) => row.map((v) => stored(v, option)));
  const bad = cells.findIndex((row) => row.includes('invalid'));
  if (bad >= 0)
    return googleError(res, 400, 'INVALID_ARGUMENT', `Invalid values[${bad}]: a list or struct value.`);
  let updated = 0;
  cells.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v === 'skip') return;
      const r = range.row0 + i;
      grid[r] ??= [];
      grid[r]![range.col0 + j] = v as Cell | undefined;
      updated++;
    });
  });
  send(res, 200, {
    spreadsheetId: id,
    updatedRange: rangeText,
    updatedRows: cells.filter((r) => r.some((v) => v !== 'skip')).length,
    updatedColumns: Math.max(0, ...cells.map((r) => r.length)),
    updatedCells: updated,
  });
}

type Handler = (
  st: FakeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  match: string[],
) => unknown | Promise<unknown>;

/** The stand-in's routes: Google's token endpoint and values resource, then its own test hook. */
const ROUTES: { method?: string; path: RegExp; handle: Handler }[] = [
  { method: 'POST', path: /^\/token$/, handle: token },
  { path: VALUES_PATH, handle: values },
  {
    // Not Google's: lets tests count the calls a run made.
    path: /^\/_fake\/calls$/,
    handle: (st, _req, res, url) => {
      const id = url.searchParams.get('spreadsheetId');
      send(res, 200, { calls: st.calls.filter((c) => !id || c.spreadsheetId === id) });
    },
  },
];

export async function startFakeGoogle(): Promise<FakeGoogleInfo & { close: () => Promise<void> }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = 'nightly@veli-velo-test.iam.gserviceaccount.com';
  const st = sheetsState('');
  st.keys.set(clientEmail, publicKey);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', st.base);
      for (const route of ROUTES) {
        const match = route.path.exec(url.pathname);
        if (match && (!route.method || route.method === req.method)) {
          await route.handle(st, req, res, url, match);
          return;
        }
      }
      googleError(res, 404, 'NOT_FOUND', 'Not found.');
    } catch (err) {
      googleError(res, 500, 'INTERNAL', (err as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  st.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: st.base,
    tokenUrl: `${st.base}/token`,
    clientEmail,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
