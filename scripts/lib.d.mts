// Types of lib.mjs for TypeScript callers (tests, harness).
import type { ChildProcess, SpawnSyncOptions } from 'node:child_process';

export const WRANGLER_ENV: NodeJS.ProcessEnv;
export function run(cmd: string, args: string[], opts?: SpawnSyncOptions): void;
export function startWorker(opts?: {
  port?: number;
  admin?: string;
  persistTo?: string;
  extraVars?: string[];
}): Promise<{ child: ChildProcess; base: string; stop: () => void }>;
export function client(
  base: string,
  as: string,
): (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;
