// Loads the TypeScript harness under plain Node (npm start) through tsx's loader API.
import { tsImport } from 'tsx/esm/api';

export async function start(ctx) {
  const mod = await tsImport('./server.ts', import.meta.url);
  return mod.start(ctx);
}
