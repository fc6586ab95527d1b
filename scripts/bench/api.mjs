// @ts-check
// Write path and quota reads, measured on the production bundle in workerd with a local D1,
// each against its floor measured in the same run and the same isolate (_floor-entry.mjs):
// POST /v1/sessions against a bare one-insert route, GET /v1/quotas's first page against a bare
// SELECT of that page's counters; and GET /v1/snapshot's size and time at the same scale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, seedScale, startBenchWorker, stats, time } from './_worker.mjs';

const ROOMY = {
  diagnosticDaysPerTerritory: 100000,
  territoryInterviewsPerTerritory: 100000,
  collectiveSupportsPerTerritory: 100000,
  partnerSupportsPerPartner: 100000,
};
const LARGE = { territories: 1000, partnersPer: 3, sessions: 100000 };
const GOALS = { writePathToFloorRatio: 1.5, quotasToSelectRatio: 2, workerGzipKb: 300 };

/** @typedef {Awaited<ReturnType<typeof startBenchWorker>>} BenchWorker */

/** @param {BenchWorker['request']} request @param {number} maxTerritories */
async function roomyProgramme(request, maxTerritories) {
  const { body: p } = await request('GET', '/v1/programme');
  const { assessment: _a, ...programme } = p;
  const res = await request('PUT', '/v1/programme', {
    ...programme,
    maxTerritories,
    quotas: { ...programme.quotas, ...ROOMY },
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

/**
 * Samples of each request, interleaved so that both sides see the same machine load.
 * @template {string} K
 * @param {Record<K, (i: number) => Promise<unknown>>} requests
 * @param {number} runs
 * @param {number} warm
 * @returns {Promise<Record<K, ReturnType<typeof stats>>>}
 */
async function interleaved(requests, runs, warm) {
  const names = /** @type {K[]} */ (Object.keys(requests));
  /** @type {Map<K, number[]>} */
  const samples = new Map(names.map((k) => [k, []]));
  for (let i = -warm; i < runs; i++) {
    for (const name of names) {
      const ms = await time(() => requests[name](i));
      if (i >= 0) samples.get(name)?.push(ms);
    }
  }
  return /** @type {Record<K, ReturnType<typeof stats>>} */ (
    Object.fromEntries(names.map((k) => [k, stats(samples.get(k) ?? [])]))
  );
}

/** The i-th measured session (warm-up ones, i < 0, have their own ids). @param {number} i */
const sessionBody = (i) => ({
  id: i < 0 ? `bench-warm${-i}` : `bench-${i}`,
  kind: 'diagnostic',
  territoryId: `t${Math.abs(i) % 10}`,
  date: '2025-04-02',
  durationMinutes: 60,
  mode: 'remote',
  participants: 3,
  summary: 'Séance mesurée.',
});

/** POST /v1/sessions with 10,000 sessions stored, against GET /v1/health and the one-insert floor. */
async function writePath() {
  const w = await startBenchWorker();
  try {
    const workerGzipKb = round(gzipSync(readFileSync(join(w.bundleDir, 'index.js'))).length / 1024);
    await roomyProgramme(w.request, 20);
    await seedScale(w.db, { territories: 10, partnersPer: 3, sessions: 10000 });
    /** @param {{ status: number }} res @param {number} want */
    const expectStatus = (res, want) => {
      if (res.status !== want) throw new Error(`answered ${res.status}, expected ${want}`);
    };
    const s = await interleaved(
      {
        health: async () => expectStatus(await w.request('GET', '/v1/health'), 200),
        postSession: async (i) => expectStatus(await w.request('POST', '/v1/sessions', sessionBody(i)), 201),
        floorInsert: async (i) =>
          expectStatus(await w.request('POST', '/__bench/insert', sessionBody(i)), 201),
      },
      300,
      20,
    );
    return {
      workerGzipKb,
      writePath: {
        sessionsStored: 10000,
        ...s,
        writePathToFloorRatio: round(s.postSession.median / s.floorInsert.median),
        writePathToHealthRatio: round(s.postSession.median / s.health.median),
        goalWritePathToFloorRatio: GOALS.writePathToFloorRatio,
      },
    };
  } finally {
    await w.stop();
  }
}

/** @param {{ territories: number; partnersPer: number; sessions: number }} scale @param {boolean} withSnapshot */
async function quotasAt(scale, withSnapshot) {
  const w = await startBenchWorker();
  try {
    await roomyProgramme(w.request, scale.territories + 1);
    const seedMs = await time(() => seedScale(w.db, scale));
    // The first page: the whole programme at the small scale, 100 of 1,000 territories at the large.
    const check = await w.request('GET', '/v1/quotas');
    const shown = Math.min(100, scale.territories);
    if (check.status !== 200 || check.body.territories.length !== shown)
      throw new Error('quotas: unexpected answer');
    const s = await interleaved(
      {
        quotas: () => w.request('GET', '/v1/quotas'),
        bareSelect: () => w.request('GET', '/__bench/select-page'),
        sameBytes: () => w.request('GET', `/__bench/bytes?n=${check.bytes}`),
        territory: () => w.request('GET', '/v1/quotas?territoryId=t7'),
      },
      25,
      3,
    );
    const snapshot = withSnapshot ? await snapshotTimed(w) : undefined;
    return {
      ...scale,
      seedMs: round(seedMs),
      quotasMs: s.quotas,
      bareSelectMs: s.bareSelect,
      quotasToSelectRatio: round(s.quotas.median / s.bareSelect.median),
      // One territory and its partners (the sidebars' read).
      territoryMs: s.territory,
      pageSubjects: check.body.territories.length + check.body.partners.length,
      // What the size alone costs: a prebuilt answer of the same size.
      quotasBytes: check.bytes,
      selectBytes: (await w.request('GET', '/__bench/select-page')).bytes,
      sameBytesMs: s.sameBytes,
      ...(snapshot ? { snapshot } : {}),
    };
  } finally {
    await w.stop();
  }
}

/** GET /v1/snapshot, whole round trip (request to last byte) and size. @param {BenchWorker} w */
async function snapshotTimed(w) {
  const samples = [];
  let last = { bytes: 0, status: 0 };
  for (let i = 0; i < 5; i++)
    samples.push(await time(async () => (last = await w.request('GET', '/v1/snapshot'))));
  if (last.status !== 200) throw new Error(`snapshot answered ${last.status}`);
  const { body } = await w.request('GET', '/v1/snapshot');
  const gzipBytes = gzipSync(JSON.stringify(body)).length;
  return {
    bytes: last.bytes,
    mb: round(last.bytes / 1024 / 1024),
    gzipKb: round(gzipBytes / 1024),
    ms: stats(samples),
  };
}

export async function run() {
  const { workerGzipKb, writePath: wp } = await writePath();
  const small = await quotasAt({ territories: 10, partnersPer: 3, sessions: 3000 }, false);
  const large = await quotasAt(LARGE, true);
  console.log(
    `write path (10,000 sessions stored): POST /v1/sessions median ${wp.postSession.median} ms, p99 ${wp.postSession.p99} ms; ` +
      `one-insert floor median ${wp.floorInsert.median} ms → ratio ${wp.writePathToFloorRatio} (goal ≤ ${GOALS.writePathToFloorRatio}); ` +
      `health median ${wp.health.median} ms (ratio ${wp.writePathToHealthRatio})`,
  );
  for (const q of [small, large])
    console.log(
      `GET /v1/quotas (first page, ${q.pageSubjects} subjects) at ${q.territories}/${q.territories * q.partnersPer}/${q.sessions}: median ${q.quotasMs.median} ms; ` +
        `bare SELECT of the page median ${q.bareSelectMs.median} ms → ratio ${q.quotasToSelectRatio} (goal ≤ ${GOALS.quotasToSelectRatio}); ` +
        `one territory ${q.territoryMs.median} ms; ` +
        `its ${round(q.quotasBytes / 1024)} KB alone ${q.sameBytesMs.median} ms ` +
        `(the SELECT answers ${round(q.selectBytes / 1024)} KB)`,
    );
  const snap = large.snapshot;
  console.log(
    `GET /v1/snapshot at 1,000/3,000/100,000: ${snap?.mb} MB (${snap?.gzipKb} KB gzip), median ${snap?.ms.median} ms`,
  );
  console.log(`worker bundle: ${workerGzipKb} KB gzip (goal ≤ ${GOALS.workerGzipKb})`);
  return {
    writePath: wp,
    writePathToFloorRatio: wp.writePathToFloorRatio,
    quotas: { small, large },
    quotasToSelectRatio: large.quotasToSelectRatio,
    snapshot: { ...LARGE, ...snap },
    sizes: { workerGzipKb },
    goals: GOALS,
  };
}
