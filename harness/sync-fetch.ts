// UrlFetchApp is synchronous in Apps Script; Node's fetch is not. The add-on runs on the
// main thread and blocks on Atomics.wait while a worker thread does the real HTTP, then
// the answer is read with receiveMessageOnPort: no busy loop, no child process per call.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

export interface SyncRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  followRedirects?: boolean | undefined;
}
export type SyncResponse =
  | { ok: true; status: number; headers: Record<string, string>; body: string }
  | { ok: false; error: string };

let worker: Worker | null = null;

export function fetchSync(requests: SyncRequest[], timeoutMs = 60_000): SyncResponse[] {
  if (!worker) {
    worker = new Worker(new URL('./sync-fetch-worker.mjs', import.meta.url));
    worker.unref();
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  try {
    worker.postMessage({ signal, port: port2, requests }, [port2]);
    if (Atomics.wait(signal, 0, 0, timeoutMs) === 'timed-out')
      return requests.map(() => ({ ok: false, error: 'Timeout' }));
    // The message may reach the port a moment after the signal.
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let tries = 0; tries < 1000; tries++) {
      const msg = receiveMessageOnPort(port1);
      if (msg) return msg.message as SyncResponse[];
      Atomics.wait(pause, 0, 0, 1);
    }
    return requests.map(() => ({ ok: false, error: 'No answer' }));
  } finally {
    port1.close();
  }
}

export async function stopSyncFetch(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
