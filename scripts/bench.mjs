// `npm run bench`: the performance benchmarks (see README). Each prints figures and ratios
// measured in the same run and writes bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';

const results = { at: new Date().toISOString(), node: process.version, benchmarks: {} };
const suites = process.argv.slice(2);
const DEFAULT_SUITES = ['documents'];
for (const name of suites.length ? suites : DEFAULT_SUITES) {
  const mod = await import(`./bench/${name}.mjs`);
  results.benchmarks[name] = await mod.run();
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(
  Object.keys(results.benchmarks).length ? JSON.stringify(results.benchmarks, null, 2) : 'no benchmark yet',
);
