// The local harness: one spreadsheet (the fakes' GoogleState) and, for each person who opens
// the page, the built add-on running in a thread of their own — two browser tabs with two
// identities are two users working at the same moment. A small HTTP server serves the page
// (the spreadsheet with its tabs, the user's sidebar), runs menu items and sidebar calls for
// the page's user, and lets a person type in a cell. Loopback only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FetchLogEntry, GoogleState } from './fakes';
import { PAGE, runStandIn } from './page';
import { stopSyncFetch } from './sync-fetch';
import { startUserThread, type UserThread } from './threads';
import { tabView } from './view';

export const DEMO_USERS = [
  'admin@ademe.example',
  'claire.martin@amo.example',
  'julien.roux@amo.example',
  'lecteur@ademe.example',
];
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Harness {
  url: string;
  state: GoogleState;
  /** The user's add-on (started on first use): run entry points, read its UrlFetch log, faults. */
  user(email?: string): Promise<UserThread>;
  fetchLog(): FetchLogEntry[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 1_000_000) throw new Error('Body too large');
  }
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}
const json = (res: ServerResponse, status: number, v: unknown) =>
  send(res, status, 'application/json', JSON.stringify(v));

/** The people who opened the page: each one's add-on thread, started on first use. */
function userThreads(state: GoogleState, dir: string, first: string) {
  const threads = new Map<string, Promise<UserThread>>();
  const started: UserThread[] = [];
  const user = (email = first) => {
    let t = threads.get(email);
    if (!t) {
      t = startUserThread(state, { dir, user: email }).then(async (u) => {
        started.push(u);
        await u.run('onOpen'); // opening the spreadsheet builds the menu
        return u;
      });
      threads.set(email, t);
    }
    return t;
  };
  return { user, started, all: async () => Promise.all([...threads.values()]) };
}

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  /** The page's user (`?user=`). */
  who: string;
  state: GoogleState;
  users: string[];
  threads: ReturnType<typeof userThreads>;
}

/** What the harness page asks for, by method and path. */
const ROUTES: Record<string, (c: Call) => Promise<void> | void> = {
  'GET /': ({ res }) => send(res, 200, 'text/html', PAGE),
  'GET /harness/state': async ({ res, who, state, users, threads }) => {
    const me = await threads.user(who);
    const ui = state.user(who).ui;
    const [title, items] = [...ui.menus.entries()][0] ?? ['VELI VELO', []];
    json(res, 200, {
      user: who,
      users,
      menu: { title, items },
      tabs: state.spreadsheet.getSheets().map(tabView),
      sidebar: ui.sidebar ? { title: ui.sidebar.getTitle(), version: ui.sidebarVersion } : null,
      toasts: state.spreadsheet.toasts,
      fetches: me.fetchLog.length,
    });
  },
  'GET /harness/sidebar': async ({ res, who, state, threads }) => {
    const ui = state.user(who).ui;
    if (!ui.sidebar) return send(res, 404, 'text/plain', 'Aucun panneau ouvert.');
    const standIn = runStandIn((await threads.user(who)).functions, who);
    send(res, 200, 'text/html', ui.sidebar.getContent().replace('<head>', `<head>${standIn}`));
  },
  'GET /harness/log': async ({ res, threads }) =>
    json(
      res,
      200,
      (await threads.all()).flatMap((t) => t.fetchLog),
    ),
  'POST /harness/run': async ({ req, res, who, threads }) => {
    const { fn, args } = await readJson(req);
    try {
      const value = await (await threads.user(who)).run(String(fn), ...(Array.isArray(args) ? args : []));
      json(res, 200, { ok: true, value });
    } catch (e) {
      json(res, 200, { ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  },
  'POST /harness/edit': async ({ req, res, state }) => {
    // A person typing in a cell: parsed like any typed text, outside the add-on.
    const { tab, row, col, value } = await readJson(req);
    const sheet = state.spreadsheet.getSheetByName(String(tab));
    if (!sheet) return json(res, 404, { ok: false });
    sheet.getRange(Number(row), Number(col)).setValue(String(value ?? ''));
    json(res, 200, { ok: true });
  },
  'POST /harness/sort': async ({ req, res, state }) => {
    // A person sorting from the filter's menu (the filter's range, whole rows within it).
    const { tab, col, ascending } = await readJson(req);
    const filter = state.spreadsheet.getSheetByName(String(tab))?.getFilter();
    if (!filter) return json(res, 404, { ok: false });
    filter.sort(Number(col), ascending !== false);
    json(res, 200, { ok: true });
  },
  'POST /harness/select': async ({ req, res, who, state }) => {
    // A person clicking a cell: their selection, which SpreadsheetApp.getActiveRange() returns.
    const { tab, row, col } = await readJson(req);
    state.user(who).selection = { sheet: String(tab), row: Number(row), col: Number(col) };
    json(res, 200, { ok: true });
  },
  'POST /harness/fault': async ({ req, res, who, threads }) => {
    const body = await readJson(req);
    const faults = (await threads.user(who)).faults;
    faults.dropNextResponses = Number(body.dropNextResponses ?? 0);
    faults.offline = body.offline === true;
    json(res, 200, faults);
  },
};

async function listen(server: Server, port: number) {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export async function startHarness(opts: {
  workerUrl: string;
  user?: string;
  port?: number;
  addonDir?: string;
  users?: string[];
}): Promise<Harness> {
  const dir = opts.addonDir ?? join(ROOT, 'dist/addon');
  const first = opts.user ?? DEMO_USERS[1]!;
  const users = [...new Set([first, ...(opts.users ?? DEMO_USERS)])];
  const state = new GoogleState(dir);
  state.documentProps.setProperty('VELI_WORKER_URL', opts.workerUrl);
  const threads = userThreads(state, dir, first);
  await threads.user(first);
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://harness');
      const route = ROUTES[`${req.method} ${url.pathname}`];
      if (!route) return send(res, 404, 'text/plain', 'Not found');
      await route({ req, res, who: url.searchParams.get('user') || first, state, users, threads });
    } catch (e) {
      send(res, 500, 'text/plain', e instanceof Error ? e.message : String(e));
    }
  });
  const port = await listen(server, opts.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    user: threads.user,
    fetchLog: () => threads.started.flatMap((t) => t.fetchLog),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await Promise.all((await threads.all()).map((t) => t.close()));
      await stopSyncFetch();
    },
  };
}

/** START_HOOKS entry for `npm start`: the harness next to the local worker, built for it. */
export async function start({ base }: { base: string; admin: string }): Promise<string> {
  const { buildAddonTo } = await import('./local-worker');
  const port = Number(process.env.HARNESS_PORT ?? 8788);
  const h = await startHarness({ workerUrl: base, port, addonDir: buildAddonTo(base) });
  return `  Sheets:   ${h.url}   (the add-on in a local harness: menu, tabs, sidebars; ?user=… per browser tab)`;
}
