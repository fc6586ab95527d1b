// Vitest globalSetup (Node project): the worker bundled by wrangler once for the whole run (what
// `wrangler deploy --dry-run` writes, as production builds it), its folder provided to every
// Node test, which starts its own worker from it (scripts/local-worker.mjs `startWorker`).
import { rmSync } from 'node:fs';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { bundleWorker } from '../../scripts/local-worker.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of wrangler's bundle of the worker (`index.js`). */
    workerBundle: string;
  }
}

export default function setup(project: TestProject) {
  const dir = bundleWorker();
  project.provide('workerBundle', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
