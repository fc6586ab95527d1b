// One user's Apps Script executions, in a worker thread (see threads.ts): the add-on runs in a
// vm here with proxies of the main thread's spreadsheet services, and its own UrlFetchApp.
// Plain JS: TypeScript modules are loaded through tsx's loader API.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { driveService, localServices } = await tsImport('./fakes.ts', import.meta.url);
const { scriptContext } = await tsImport('./runtime.ts', import.meta.url);
const { dir, user, root, signal, port, allowlist } = workerData;

const ids = new WeakMap();
const pause = new Int32Array(new SharedArrayBuffer(4));
let seq = 0;
/** The reply may reach the port a moment after the signal: wait for the one with our number. */
function receive(n) {
  for (let tries = 0; tries < 5000; tries++) {
    const got = receiveMessageOnPort(port)?.message;
    if (got?.seq === n) return got;
    if (!got) Atomics.wait(pause, 0, 0, 1);
  }
  throw new Error('Exception: the spreadsheet did not answer');
}
function call(request) {
  const n = ++seq;
  Atomics.store(signal, 0, 0);
  port.postMessage({ ...request, seq: n });
  Atomics.wait(signal, 0, 0);
  const reply = receive(n);
  if (reply.error !== undefined) throw new Error(reply.error);
  return fromMain(reply.value);
}
const toMain = (v) => {
  if (Array.isArray(v)) return v.map(toMain);
  if (v && typeof v === 'object' && ids.has(v)) return { __h: ids.get(v) };
  return v;
};
function fromMain(v) {
  if (Array.isArray(v)) return v.map(fromMain);
  if (v && typeof v === 'object' && '__h' in v) return proxy(v);
  return v;
}
function proxy(handle) {
  const target = { ...handle.data };
  for (const m of handle.methods) target[m] = (...args) => call({ h: handle.__h, m, args: toMain(args) });
  for (const [k, child] of Object.entries(handle.children)) target[k] = proxy(child);
  const p = new Proxy(target, {
    set(t, k, value) {
      call({ h: handle.__h, set: String(k), value: toMain(value) });
      t[k] = value;
      return true;
    },
  });
  ids.set(p, handle.__h);
  return p;
}

const services = proxy(root);
const fetchLog = [];
const faults = { dropNextResponses: 0, offline: false };
const globals = {
  SpreadsheetApp: services.SpreadsheetApp,
  LockService: services.LockService,
  CacheService: services.CacheService,
  PropertiesService: services.PropertiesService,
  HtmlService: services.HtmlService,
  ...localServices({ allowlist, user: () => user, fetchLog, faults }),
  // The user's own Drive, for « Exporter les données » (kept in this thread).
  Drive: driveService([], () => user),
};
const script = scriptContext(dir, globals);

parentPort.on('message', (m) => {
  if (m.type !== 'run') return;
  Object.assign(faults, m.faults);
  fetchLog.length = 0;
  let value;
  let error;
  try {
    value = script.call(m.fn, m.args);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  parentPort.postMessage({ id: m.id, value, error, log: [...fetchLog], faults: { ...faults } });
});
parentPort.postMessage({ type: 'ready', functions: script.functions });
