// Two people using the add-on at the same moment run two Apps Script executions in parallel.
// Here each user runs the built add-on in their own worker thread; the spreadsheet, the
// document lock, properties and caches stay in this (main) thread, reached by a synchronous
// call: the user's thread posts the call and sleeps on Atomics.wait until the main thread has
// answered, so two users' reads and writes interleave as they would on Google's side, and a
// waitLock really waits for the other user's execution.
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { type Faults, type FetchLogEntry, type GoogleState, sheetServices } from './fakes';
import { ANONYMOUS } from './runtime';

interface Handle {
  __h: number;
  methods: string[];
  data: Record<string, unknown>;
  /** Service objects nested in a plain object (SpreadsheetApp inside the services). */
  children: Record<string, Handle>;
}
type Request = ({ h: number; m: string; args: unknown[] } | { h: number; set: string; value: unknown }) & {
  seq: number;
};

const isPlain = (v: object) => Object.getPrototypeOf(v) === Object.prototype;
const hasFunctions = (v: object) => Object.values(v).some((x) => typeof x === 'function');

/** Objects the main thread hands out by reference: the user's thread gets proxies of them. */
class Registry {
  private byId = new Map<number, object>();
  private ids = new WeakMap<object, number>();
  private next = 1;
  handle(o: object): Handle {
    let id = this.ids.get(o);
    if (id === undefined || this.byId.get(id) !== o) {
      id = this.next++;
      this.ids.set(o, id);
      this.byId.set(id, o);
    }
    const methods = new Set<string>();
    for (let p: object | null = o; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
      for (const k of Object.getOwnPropertyNames(p))
        if (k !== 'constructor' && typeof (o as Record<string, unknown>)[k] === 'function') methods.add(k);
    const data: Record<string, unknown> = {};
    const children: Record<string, Handle> = {};
    for (const [k, v] of Object.entries(o))
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) data[k] = v;
      else if (typeof v === 'object' && isPlain(v))
        if (hasFunctions(v)) children[k] = this.handle(v);
        else if (isPlain(o) || !Object.values(v).some((x) => typeof x === 'object')) data[k] = v;
    return { __h: id, methods: [...methods], data, children };
  }
  /** Objects of finished executions are never used again (Apps Script keeps none either). */
  forgetAfter(id: number) {
    for (const k of this.byId.keys()) if (k > id) this.byId.delete(k);
    this.next = id + 1;
  }
  get(id: number) {
    const o = this.byId.get(id);
    if (!o) throw new Error(`Exception: unknown object ${id}`);
    return o as Record<string, unknown>;
  }
  out(v: unknown): unknown {
    if (v === null || v === undefined || typeof v !== 'object' || v instanceof Date) return v;
    if (Array.isArray(v)) return v.map((x) => this.out(x));
    if (isPlain(v) && !hasFunctions(v))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.out(x)]));
    return this.handle(v);
  }
  in(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.in(x));
    if (v && typeof v === 'object' && '__h' in v) return this.get((v as Handle).__h);
    return v;
  }
}

export interface UserThread {
  readonly user: string;
  readonly fetchLog: FetchLogEntry[];
  readonly faults: Faults;
  functions: string[];
  run(fn: string, ...args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

async function serve(
  registry: Registry,
  port: MessagePort,
  signal: Int32Array,
  req: Request,
  caller: { state: GoogleState; user: string; execution: () => string },
) {
  let reply: { value?: unknown; error?: string; seq?: number };
  try {
    caller.state.spreadsheet.execution = caller.execution();
    const target = registry.get(req.h);
    if ('set' in req) {
      target[req.set] = registry.in(req.value);
      reply = {};
    } else {
      const f = target[req.m] as (...a: unknown[]) => unknown;
      let value = f.apply(target, registry.in(req.args) as unknown[]);
      // Only this call runs as the user's execution: an observer (the harness page) reading
      // between two calls must not flush the user's buffered writes.
      caller.state.spreadsheet.execution = null;
      value = await value;
      reply = { value: registry.out(value) };
      await caller.state.callHook?.(caller.user, req.m, target);
    }
  } catch (e) {
    reply = { error: e instanceof Error ? e.message : String(e) };
  } finally {
    caller.state.spreadsheet.execution = null;
  }
  port.postMessage({ ...reply, seq: req.seq });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

type Reply = { value?: unknown; error?: string; log: FetchLogEntry[]; faults: Faults };

/** The thread that runs the user's add-on, once it has loaded it (its exported functions). */
async function loadAddonThread(
  state: GoogleState,
  o: { dir: string; user: string; root: Handle; signal: Int32Array; port: MessagePort },
) {
  const worker = new Worker(new URL('./user-thread.mjs', import.meta.url), {
    workerData: { ...o, allowlist: state.manifest.urlFetchWhitelist },
    transferList: [o.port],
  });
  const waiting = new Map<number, (m: Reply) => void>();
  const functions = await new Promise<string[]>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m) => {
      if (m.type === 'ready') resolve(m.functions);
      else waiting.get(m.id)?.(m);
    });
  });
  return { worker, waiting, functions };
}

/** A user with the add-on open in this spreadsheet, running in a thread of their own. */
export async function startUserThread(
  state: GoogleState,
  opts: { dir: string; user: string | null },
): Promise<UserThread> {
  state.lock.canWait = true;
  const user = opts.user ?? ANONYMOUS;
  if (opts.user) state.user(user).props.setProperty('VELI_DEV_USER', opts.user);
  let execution = `${user}#idle`;
  const registry = new Registry();
  const root = registry.handle(sheetServices(state, { user: () => user, execution: () => execution }));
  const lastRootId = Math.max(root.__h, ...Object.values(root.children).map((c) => c.__h));
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (req: Request) => {
    void serve(registry, port1, signal, req, { state, user, execution: () => execution });
  });
  const addon = await loadAddonThread(state, { dir: opts.dir, user, root, signal, port: port2 });
  const fetchLog: FetchLogEntry[] = [];
  const faults: Faults = { dropNextResponses: 0, offline: false };
  let n = 0;
  /** One Apps Script execution of `fn`: its UrlFetch log and faults come back with its result. */
  const execute = (fn: string, args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = ++n;
      execution = `${user}#${id}`;
      const sent = { ...faults };
      addon.waiting.set(id, (m) => {
        addon.waiting.delete(id);
        state.endExecution(`${user}#${id}`);
        registry.forgetAfter(lastRootId);
        fetchLog.push(...m.log);
        // Only what this execution used up: a fault set while it ran waits for the next one.
        const used = sent.dropNextResponses - m.faults.dropNextResponses;
        faults.dropNextResponses = Math.max(0, faults.dropNextResponses - used);
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m.value);
      });
      addon.worker.postMessage({ type: 'run', id, fn, args, faults: sent });
    });
  // One execution at a time per user, as a person in one sidebar makes one call at a time.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    user,
    fetchLog,
    faults,
    functions: addon.functions,
    run(fn, ...args) {
      const next = queue.then(() => execute(fn, args));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      port1.close();
      await addon.worker.terminate();
    },
  };
}
