// Write path and quota reads, measured on the production bundle in workerd with a local D1.

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

async function quotasAt(scale) {
  const w = await startBenchWorker();
  try {
    await roomyProgramme(w.request, scale.territories + 1);
    const seedMs = await time(() => seedScale(w.db, scale));
    const check = await w.request('GET', '/v1/quotas');
    if (check.status !== 200 || check.body.territories.length !== scale.territories)
      throw new Error('quotas: unexpected answer');
    const samples = [];
    for (let i = 0; i < 3; i++) await w.request('GET', '/v1/quotas');
    for (let i = 0; i < 25; i++) samples.push(await time(() => w.request('GET', '/v1/quotas')));
    return { ...scale, seedMs: round(seedMs), quotasMs: stats(samples) };
  } finally {
    await w.stop();
  }
}

export async function run() {
  const w = await startBenchWorker();
  let writePath;
  let workerGzipKb;
  try {
    workerGzipKb = round(gzipSync(readFileSync(join(w.bundleDir, 'index.js'))).length / 1024);
    await roomyProgramme(w.request, 20);
    await seedScale(w.db, { territories: 10, partnersPer: 3, sessions: 10000 });
    const health = [];
    const writes = [];
    const body = (i) => ({
      id: `bench-${i}`,
      kind: 'diagnostic',
      territoryId: `t${i % 10}`,
      date: '2025-04-02',
      durationMinutes: 60,
      mode: 'remote',
      participants: 3,
      summary: 'Séance mesurée.',
    });
    for (let i = 0; i < 20; i++) {
      await w.request('GET', '/v1/health');
      await w.request('POST', '/v1/sessions', body(`warm-${i}`));
    }
    for (let i = 0; i < 300; i++) {
      health.push(await time(() => w.request('GET', '/v1/health')));
      let status = 0;
      writes.push(await time(async () => ({ status } = await w.request('POST', '/v1/sessions', body(i)))));
      if (status !== 201) throw new Error(`write ${i} answered ${status}`);
    }
    const h = stats(health);
    const s = stats(writes);
    writePath = {
      sessionsStored: 10000,
      health: h,
      postSession: s,
      ratioMedian: round(s.median / h.median),
      goalRatio: 3,
    };
  } finally {
    await w.stop();
  }
  const small = await quotasAt({ territories: 10, partnersPer: 3, sessions: 3000 });
  const large = await quotasAt({ territories: 1000, partnersPer: 3, sessions: 100000 });
  const result = {
    writePath,
    quotas: { small, large, goalLargeMedianMs: 100 },
    sizes: { workerGzipKb, goalKb: 300 },
  };
  console.log(
    `write path (10,000 sessions stored): POST /v1/sessions median ${writePath.postSession.median} ms, p99 ${writePath.postSession.p99} ms; health median ${writePath.health.median} ms → ratio ${writePath.ratioMedian} (goal ≤ 3)`,
  );
  console.log(
    `GET /v1/quotas: 10/30/3,000 → median ${small.quotasMs.median} ms; 1,000/3,000/100,000 → median ${large.quotasMs.median} ms (goal < 100)`,
  );
  console.log(`worker bundle: ${workerGzipKb} KB gzip (goal ≤ 300)`);
  return result;
}
