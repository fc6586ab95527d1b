// The local harness: the built add-on in a vm with the Apps Script fakes, and a small HTTP
// server for the page that shows the spreadsheet and its sidebars. Loopback only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE, runStandIn } from './page';
import { type AddonRuntime, loadAddon } from './runtime';
import { stopSyncFetch } from './sync-fetch';

export const DEMO_USERS = [
  'admin@ademe.example',
  'claire.martin@amo.example',
  'julien.roux@amo.example',
  'lecteur@ademe.example',
];
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Harness {
  url: string;
  runtime: AddonRuntime;
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

export async function startHarness(opts: {
  workerUrl: string;
  user?: string;
  port?: number;
  addonDir?: string;
  users?: string[];
}): Promise<Harness> {
  const dir = opts.addonDir ?? join(ROOT, 'dist/addon');
  let user = opts.user ?? DEMO_USERS[1]!;
  const users = [...new Set([user, ...(opts.users ?? DEMO_USERS)])];
  const runtime = loadAddon({ dir, workerUrl: opts.workerUrl, devUser: user });
  runtime.run('onOpen'); // opening the spreadsheet builds the menu
  const { spreadsheet, ui, fetchLog, faults } = runtime.fakes;

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://harness');
      if (req.method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html', PAGE);
      if (req.method === 'GET' && url.pathname === '/harness/state') {
        const [title, items] = [...ui.menus.entries()][0] ?? ['VELI VELO', []];
        return json(res, 200, {
          user,
          users,
          menu: { title, items },
          tabs: spreadsheet.getSheets().map((s) => ({ name: s.getName(), rows: s.grid() })),
          sidebar: ui.sidebar ? { title: ui.sidebar.getTitle(), version: ui.sidebarVersion } : null,
          toasts: spreadsheet.toasts,
          fetches: fetchLog.length,
        });
      }
      if (req.method === 'GET' && url.pathname === '/harness/sidebar') {
        if (!ui.sidebar) return send(res, 404, 'text/plain', 'Aucun panneau ouvert.');
        const html = ui.sidebar.getContent().replace('<head>', `<head>${runStandIn(runtime.functions)}`);
        return send(res, 200, 'text/html', html);
      }
      if (req.method === 'GET' && url.pathname === '/harness/log') return json(res, 200, fetchLog);
      if (req.method === 'POST' && url.pathname === '/harness/run') {
        const { fn, args } = await readJson(req);
        try {
          const value = runtime.run(String(fn), ...(Array.isArray(args) ? args : []));
          return json(res, 200, { ok: true, value });
        } catch (e) {
          return json(res, 200, { ok: false, error: e instanceof Error ? e.message : String(e) });
        }
      }
      if (req.method === 'POST' && url.pathname === '/harness/identity') {
        const { email } = await readJson(req);
        user = String(email ?? '').trim() || user;
        runtime.setUser(user);
        return json(res, 200, { user });
      }
      if (req.method === 'POST' && url.pathname === '/harness/fault') {
        const body = await readJson(req);
        faults.dropNextResponses = Number(body.dropNextResponses ?? 0);
        faults.offline = body.offline === true;
        return json(res, 200, faults);
      }
      send(res, 404, 'text/plain', 'Not found');
    } catch (e) {
      send(res, 500, 'text/plain', e instanceof Error ? e.message : String(e));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await stopSyncFetch();
    },
  };
}

/** START_HOOKS entry for `npm start`: the harness next to the local worker. */
export async function start({ base }: { base: string; admin: string }): Promise<string> {
  const port = Number(process.env.HARNESS_PORT ?? 8788);
  const h = await startHarness({ workerUrl: base, port });
  return `  Sheets:   ${h.url}   (the add-on in a local harness: menu, tabs, sidebars)`;
}
