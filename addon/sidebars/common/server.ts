// A typed promise over google.script.run: the sidebar names a function the add-on exports
// (addon/main.ts, the Apps Script entry points), gets its Result back, each typed from that very
// export. A failure of the Apps Script call itself becomes a French error too.

import type { Result } from '../../api';
import type * as server from '../../main';

/** What google.script.run can call: the add-on's exported functions, by name. */
type Server = typeof server;
export type ServerFunction = {
  [K in keyof Server]: Server[K] extends (...args: never[]) => unknown ? K : never;
}[keyof Server];
type Fn<K extends ServerFunction> = Server[K] extends (...args: infer A) => infer R
  ? (...args: A) => R
  : never;

interface Runner {
  withSuccessHandler(f: (value: unknown) => void): Runner;
  withFailureHandler(f: (error: Error) => void): Runner;
}
declare const google: { script: { run: Runner } };

export function call<K extends ServerFunction>(
  fn: K,
  ...args: Parameters<Fn<K>>
): Promise<ReturnType<Fn<K>>> {
  return new Promise((resolve) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<Fn<K>>))
      .withFailureHandler((e) => {
        const failed: Result<never> = {
          ok: false,
          error: {
            code: 'SCRIPT',
            message: `Le module complémentaire n’a pas pu traiter la demande (${e?.message ?? 'erreur inconnue'}) : réessayez.`,
          },
        };
        resolve(failed as ReturnType<Fn<K>>);
      }) as unknown as Record<K, (...a: unknown[]) => void>;
    runner[fn](...args);
  });
}

/** One id per form submission, kept until the worker accepts it: a retry never counts twice. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
