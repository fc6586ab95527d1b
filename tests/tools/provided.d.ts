// What the Node project's globalSetup provides (tests/support/worker-bundle.global.ts), as this
// tsconfig project sees it.
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    workerBundle: string;
  }
}
