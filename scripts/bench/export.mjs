// @ts-check
// Data out and back at 1,000 territories / 3,000 partners / 100,000 sessions, on the production
// bundle in workerd: GET /v1/export/sessions.csv streamed (the client reads it chunk by chunk
// while workerd's resident memory is sampled: it must stay flat, far under the file's size),
// GET /v1/export/archive, then POST /v1/admin/restore of that archive from R2 into a second,
// empty worker, and its archive exported again (the same bytes).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { round, seedScale, startBenchWorker } from './_worker.mjs';

const SCALE = { territories: 1000, partnersPer: 3, sessions: 100_000 };
const MB = 1024 * 1024;

/** Resident memory (bytes) of the workerd processes this Node process started. */
function workerdRss() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s+workerd$/m.test(status) || Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid)
        continue;
      total += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // the process went away
    }
  }
  return total;
}

/**
 * One GET read chunk by chunk, workerd's memory sampled meanwhile.
 * @param {import('miniflare').Miniflare} mf @param {string} path
 */
async function streamed(mf, path) {
  const before = workerdRss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, workerdRss());
  }, 25);
  const start = performance.now();
  const res = await mf.dispatchFetch(`http://bench.local${path}`, {
    headers: { 'x-dev-user': 'admin@ademe.example' },
  });
  if (res.status !== 200 || !res.body) throw new Error(`${path}: ${res.status}`);
  const hash = createHash('sha256');
  const parts = [];
  let bytes = 0;
  let chunks = 0;
  let firstByteMs = 0;
  for await (const chunk of /** @type {AsyncIterable<Uint8Array>} */ (/** @type {unknown} */ (res.body))) {
    if (!chunks) firstByteMs = performance.now() - start;
    chunks++;
    bytes += chunk.byteLength;
    hash.update(chunk);
    parts.push(chunk);
  }
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, workerdRss());
  return {
    ms: round(ms),
    firstByteMs: round(firstByteMs),
    bytes,
    chunks,
    sha256: hash.digest('hex'),
    rssBefore: before,
    rssPeak: peak,
    body: Buffer.concat(parts),
  };
}

const mb = (/** @type {number} */ n) => round(n / MB);

/**
 * Flat memory: the same export with four times the sessions (each copied three times under new
 * ids), warm again; a buffered answer would grow four times, a streamed one not at all.
 * @param {Awaited<ReturnType<typeof startBenchWorker>>} w
 */
async function fourTimesAsMany(w) {
  const cols =
    'kind, territory_id, partner_id, date, month, duration_minutes, data, body_hash, created_at, created_by, quota_subject';
  for (const copy of ['a', 'b', 'c'])
    await w.db
      .prepare(
        `INSERT INTO sessions (id, ${cols}) SELECT '${copy}' || id, ${cols} FROM sessions WHERE id LIKE 's%'`,
      )
      .run();
  await streamed(w.mf, '/v1/export/sessions.csv');
  const big = await streamed(w.mf, '/v1/export/sessions.csv');
  console.log(
    `sessions.csv ×4 (400,000 rows): ${mb(big.bytes)} MB, ${big.ms} ms; workerd RSS +${mb(big.rssPeak - big.rssBefore)} MB`,
  );
  await w.db.prepare("DELETE FROM sessions WHERE id NOT LIKE 's%'").run();
  return {
    rows: 400_000,
    megabytes: mb(big.bytes),
    ms: big.ms,
    workerdRssGrowthMegabytes: mb(big.rssPeak - big.rssBefore),
  };
}

export async function run() {
  const source = await startBenchWorker({ REQUEST_LOGS: 'off' });
  const target = await startBenchWorker({ REQUEST_LOGS: 'off' });
  try {
    await seedScale(source.db, SCALE);
    // A first export warms SQLite's page cache (resident memory that is the database's, not the
    // stream's); the second one is measured.
    const cold = await streamed(source.mf, '/v1/export/sessions.csv');
    console.log(
      `sessions.csv, first export: ${cold.ms} ms; workerd RSS +${mb(cold.rssPeak - cold.rssBefore)} MB (SQLite reading the table in)`,
    );
    const csv = await streamed(source.mf, '/v1/export/sessions.csv');
    const lines = csv.body.toString('utf8').split('\r\n').length - 2;
    console.log(
      `sessions.csv: ${lines} rows, ${mb(csv.bytes)} MB in ${csv.chunks} chunks, first byte ${csv.firstByteMs} ms, all ${csv.ms} ms; workerd RSS ${mb(csv.rssBefore)} → peak ${mb(csv.rssPeak)} MB (+${mb(csv.rssPeak - csv.rssBefore)} MB for a ${mb(csv.bytes)} MB file)`,
    );
    const flat = await fourTimesAsMany(source);
    const archive = await streamed(source.mf, '/v1/export/archive');
    console.log(
      `archive: ${mb(archive.bytes)} MB in ${archive.chunks} chunks, ${archive.ms} ms; workerd RSS +${mb(archive.rssPeak - archive.rssBefore)} MB`,
    );

    await (await target.mf.getR2Bucket('BACKUPS')).put('archives/bench.jsonl', archive.body);
    const start = performance.now();
    const restored = await target.request('POST', '/v1/admin/restore', { object: 'archives/bench.jsonl' });
    const restoreMs = round(performance.now() - start);
    if (restored.status !== 200)
      throw new Error(`restore: ${restored.status} ${JSON.stringify(restored.body)}`);
    const again = await streamed(target.mf, '/v1/export/archive');
    const same = again.sha256 === archive.sha256;
    console.log(
      `restore into an empty database (check pass + load pass): ${restoreMs} ms; archive exported again: ${same ? 'the same bytes' : 'DIFFERENT BYTES'}`,
    );
    if (!same) throw new Error('export → restore → export changed the bytes');
    return {
      scale: SCALE,
      sessionsCsv: {
        rows: lines,
        megabytes: mb(csv.bytes),
        chunks: csv.chunks,
        firstByteMs: csv.firstByteMs,
        ms: csv.ms,
        workerdRssGrowthMegabytes: mb(csv.rssPeak - csv.rssBefore),
      },
      sessionsCsvFourTimes: flat,
      archive: {
        megabytes: mb(archive.bytes),
        chunks: archive.chunks,
        ms: archive.ms,
        workerdRssGrowthMegabytes: mb(archive.rssPeak - archive.rssBefore),
      },
      restore: { ms: restoreMs, tables: restored.body.tables, sameBytesAfterwards: same },
    };
  } finally {
    await source.stop();
    await target.stop();
  }
}
