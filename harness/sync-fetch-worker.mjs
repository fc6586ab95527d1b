// Worker thread behind the harness's synchronous UrlFetchApp: performs real HTTP requests
// while the main thread sleeps on Atomics.wait, then wakes it. Plain JS: it runs without
// any TypeScript loader.
import { parentPort } from 'node:worker_threads';

async function one(req) {
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: req.followRedirects === false ? 'manual' : 'follow',
    });
    // Decoded as UTF-8 keeping a byte order mark (fetch's text() drops it; a CSV starts with one).
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    return { ok: true, status: res.status, headers: Object.fromEntries(res.headers), body };
  } catch (e) {
    return { ok: false, error: String(e?.cause?.code ?? e?.message ?? e) };
  }
}

parentPort.on('message', async ({ signal, port, requests }) => {
  const results = await Promise.all(requests.map(one));
  port.postMessage(results);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
