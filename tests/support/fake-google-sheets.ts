// A local stand-in for Google's OAuth token endpoint and the Sheets API v4 values
// resource, speaking their documented wire format, for tests only (Google is unreachable
// from tests). It verifies the service account's RS256 JWT against the test key, issues
// bearer tokens, and keeps each spreadsheet's cells in memory so tests read back what the
// worker wrote with values.get, as they would in Google.
import { generateKeyPairSync, type KeyObject, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
}

type Grid = (string | undefined)[][];

const b64url = (s: string) => Buffer.from(s, 'base64url');

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

const googleError = (res: ServerResponse, code: number, status: string, message: string) =>
  send(res, code, { error: { code, message, status } });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "Alertes!A1:G12" → tab and zero-based bounds; null when Google would say it cannot parse it. */
function parseRange(a1: string) {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1);
  if (!m) return null;
  return {
    tab: (m[1] ?? m[2] ?? '').replace(/''/g, "'"),
    col0: columnNumber(m[3]!) - 1,
    row0: Number(m[4]) - 1,
    col1: columnNumber(m[5]!) - 1,
    row1: Number(m[6]) - 1,
  };
}

export async function startFakeGoogle(): Promise<FakeGoogleInfo & { close: () => Promise<void> }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = 'nightly@veli-velo-test.iam.gserviceaccount.com';
  const keys = new Map<string, KeyObject>([[clientEmail, publicKey]]);
  const tokens = new Map<string, string>();
  const spreadsheets = new Map<string, Map<string, Grid>>();
  const calls: Call[] = [];
  let base = '';

  function sheet(id: string) {
    let s = spreadsheets.get(id);
    if (!s) {
      // Every spreadsheet has the "Alertes" tab, except ids saying otherwise.
      s = new Map(id.startsWith('no-tab') ? [['Feuille 1', []]] : [['Alertes', []]]);
      spreadsheets.set(id, s);
    }
    return s;
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    if (form.get('grant_type') !== JWT_BEARER)
      return send(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' });
    const parts = (form.get('assertion') ?? '').split('.');
    if (parts.length !== 3)
      return send(res, 400, { error: 'invalid_request', error_description: 'Bad JWT.' });
    const [h, p, sig] = parts as [string, string, string];
    const header = JSON.parse(b64url(h).toString('utf8')) as { alg?: string };
    const claims = JSON.parse(b64url(p).toString('utf8')) as Record<string, unknown>;
    const key = keys.get(String(claims.iss));
    const now = Math.floor(Date.now() / 1000);
    const valid =
      header.alg === 'RS256' &&
      key !== undefined &&
      verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, b64url(sig));
    if (!valid)
      return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const iat = Number(claims.iat);
    const exp = Number(claims.exp);
    if (claims.aud !== `${base}/token` || !(exp > now && exp - iat <= 3600 && iat <= now + 60))
      return send(res, 400, {
        error: 'invalid_grant',
        error_description: 'Invalid JWT: Token must be a short-lived token.',
      });
    const scope = String(claims.scope ?? '');
    if (!scope.split(' ').includes(SHEETS_SCOPE))
      return send(res, 400, { error: 'invalid_scope', error_description: 'Missing spreadsheets scope.' });
    const accessToken = `ya29.fake-${randomUUID()}`;
    tokens.set(accessToken, scope);
    send(res, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
  }

  async function values(req: IncomingMessage, res: ServerResponse, url: URL, id: string, rangeText: string) {
    calls.push({ method: req.method ?? '', path: url.pathname, spreadsheetId: id });
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!auth || !tokens.get(auth)?.split(' ').includes(SHEETS_SCOPE))
      return googleError(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    if (id.startsWith('fail')) return googleError(res, 500, 'INTERNAL', 'Internal error encountered.');
    const range = parseRange(rangeText);
    const tabs = sheet(id);
    if (!range || !tabs.has(range.tab))
      return googleError(res, 400, 'INVALID_ARGUMENT', `Unable to parse range: ${rangeText}`);
    const grid = tabs.get(range.tab)!;

    if (req.method === 'GET') {
      const rows: string[][] = [];
      for (let r = range.row0; r <= range.row1; r++) {
        const row: string[] = [];
        for (let c = range.col0; c <= range.col1; c++) row.push(grid[r]?.[c] ?? '');
        while (row.length && row.at(-1) === '') row.pop();
        rows.push(row);
      }
      while (rows.length && rows.at(-1)!.length === 0) rows.pop();
      return send(res, 200, {
        range: rangeText,
        majorDimension: 'ROWS',
        ...(rows.length ? { values: rows } : {}),
      });
    }
    if (req.method !== 'PUT') return googleError(res, 404, 'NOT_FOUND', 'Method not found.');
    const option = url.searchParams.get('valueInputOption');
    if (option !== 'RAW' && option !== 'USER_ENTERED')
      return googleError(res, 400, 'INVALID_ARGUMENT', "Invalid valueInputOption: ''");
    const body = JSON.parse(await readBody(req)) as {
      range?: string;
      majorDimension?: string;
      values?: unknown[][];
    };
    if (body.range !== undefined && body.range !== rangeText)
      return googleError(
        res,
        400,
        'INVALID_ARGUMENT',
        `Requested writing within range [${rangeText}], but tried writing to [${body.range}]`,
      );
    if (body.majorDimension !== undefined && body.majorDimension !== 'ROWS')
      return googleError(res, 400, 'INVALID_ARGUMENT', 'Only ROWS is supported by this stand-in.');
    const rows = body.values ?? [];
    const height = range.row1 - range.row0 + 1;
    const width = range.col1 - range.col0 + 1;
    if (rows.length > height || rows.some((r) => r.length > width))
      return googleError(
        res,
        400,
        'INVALID_ARGUMENT',
        `Requested writing within range [${rangeText}], but tried writing beyond it.`,
      );
    let cells = 0;
    rows.forEach((row, i) => {
      row.forEach((v, j) => {
        const r = range.row0 + i;
        grid[r] ??= [];
        // An empty string clears the cell, as in Sheets.
        grid[r]![range.col0 + j] = v === '' || v === null ? undefined : String(v);
        cells++;
      });
    });
    send(res, 200, {
      spreadsheetId: id,
      updatedRange: rangeText,
      updatedRows: rows.length,
      updatedColumns: Math.max(0, ...rows.map((r) => r.length)),
      updatedCells: cells,
    });
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', base);
      if (req.method === 'POST' && url.pathname === '/token') return await token(req, res);
      const m = /^\/v4\/spreadsheets\/([^/]+)\/values\/([^/:]+)$/.exec(url.pathname);
      if (m) return await values(req, res, url, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!));
      // Not Google's: lets tests count the calls a run made.
      if (url.pathname === '/_fake/calls') {
        const id = url.searchParams.get('spreadsheetId');
        return send(res, 200, { calls: calls.filter((c) => !id || c.spreadsheetId === id) });
      }
      googleError(res, 404, 'NOT_FOUND', 'Not found.');
    } catch (err) {
      googleError(res, 500, 'INTERNAL', (err as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    tokenUrl: `${base}/token`,
    clientEmail,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
