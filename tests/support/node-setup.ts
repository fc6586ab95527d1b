// Node tests run in one process, file after file (`isolate: false` in vitest.config.ts). Some
// files put the Apps Script services of harness/fakes.ts on globalThis for the add-on's code —
// `Date` (the script's clock) and `console` among them: after each file every one of those
// names is given back what it was before, so no file finds another's services or clock.
import { afterAll } from 'vitest';
import { createFakes } from '../../harness/fakes';

const g = globalThis as Record<string, unknown>;
const before = Object.keys(createFakes('/nonexistent').globals).map(
  (name) => [name, Object.getOwnPropertyDescriptor(g, name)] as const,
);

afterAll(() => {
  for (const [name, descriptor] of before) {
    if (descriptor) Object.defineProperty(g, name, descriptor);
    else delete g[name];
  }
});
