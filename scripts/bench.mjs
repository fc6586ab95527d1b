// @ts-check
// `npm run bench [name…]`: runs every benchmark module in scripts/bench/ (or those named),
// prints their figures and ratios (each measured within one run) and writes bench/results.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';

const all = readdirSync(new URL('./bench/', import.meta.url))
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_'))
  .map((f) => f.slice(0, -4))
  .sort();
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;
/** @type {{ at: string; node: string; benchmarks: Record<string, unknown> }} */
const results = { at: new Date().toISOString(), node: process.version, benchmarks: {} };
for (const name of chosen) {
  console.log(`\n== ${name} ==`);
  const mod = await import(`./bench/${name}.mjs`);
  results.benchmarks[name] = await mod.run();
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten: bench/results.json');
