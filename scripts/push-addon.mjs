// `npm run push:addon [-- prod]`: pushes dist/addon to the dev (default) or prod Apps Script
// project. The two committed clasp files hold the script ids; the chosen one is copied into
// the build folder as .clasp.json, since clasp pushes the folder it runs in.
import { copyFileSync, existsSync } from 'node:fs';
import { run } from './lib.mjs';

const target = process.argv[2] ?? process.env.CLASP_TARGET ?? 'dev';
if (!['dev', 'prod'].includes(target)) throw new Error(`Unknown target "${target}" (dev or prod).`);
if (!existsSync('dist/addon/Code.js'))
  throw new Error('Build the add-on first: node scripts/build-addon.mjs');
copyFileSync(`.clasp.${target}.json`, 'dist/addon/.clasp.json');
// clasp needs a Google login (`npx clasp login`) and network access. `--no`: the pinned
// devDependency only, never a download.
run('npx', ['--no', '--', 'clasp', 'push', '--force'], { cwd: 'dist/addon' });
