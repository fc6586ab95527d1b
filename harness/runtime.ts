// Runs the built add-on (dist/addon/Code.js) the way Apps Script does: one script in a fresh
// global scope with the services as globals, entry points called by name, arguments and
// results passed as JSON (google.script.run serialises them too), each call one execution
// (its buffered sheet writes land and its locks are released when it ends).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { createFakes, type Fakes, type GoogleState } from './fakes';

export interface AddonRuntime {
  fakes: Fakes;
  /** Top-level function declarations of Code.js: what google.script.run can call. */
  functions: string[];
  run(fn: string, ...args: unknown[]): unknown;
  setUser(email: string | null): void;
}

export const topLevelFunctions = (code: string) =>
  [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\s*\(/gm)].map((m) => m[1]!);

/** The add-on's code in a fresh V8 context with these globals; `call` runs one entry point. */
export function scriptContext(dir: string, globals: object) {
  const code = readFileSync(join(dir, 'Code.js'), 'utf8');
  const context = vm.createContext({ ...globals });
  new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
  const functions = topLevelFunctions(code);
  const call = (fn: string, args: unknown[]): unknown => {
    if (!functions.includes(fn)) throw new Error(`Script function not found: ${fn}`);
    context.__harnessCall = JSON.stringify({ fn, args });
    const out = vm.runInContext(
      '(() => { const c = JSON.parse(__harnessCall); const v = globalThis[c.fn](...c.args); return v === undefined ? undefined : JSON.stringify(v); })()',
      context,
    ) as string | undefined;
    return out === undefined ? undefined : JSON.parse(out);
  };
  return { functions, call };
}

export const ANONYMOUS = 'harness@example.org';

export function loadAddon(opts: {
  dir: string;
  workerUrl: string;
  devUser?: string | null;
  state?: GoogleState;
}): AddonRuntime {
  const fakes = createFakes(opts.dir, opts.state);
  const { functions, call } = scriptContext(opts.dir, fakes.globals);
  if (!opts.state) fakes.props.document.setProperty('VELI_WORKER_URL', opts.workerUrl);
  const rt: AddonRuntime = {
    fakes,
    functions,
    run: (fn, ...args) => fakes.execute(() => call(fn, args)),
    setUser(email) {
      fakes.setUser(email ?? ANONYMOUS);
      if (email) fakes.props.user.setProperty('VELI_DEV_USER', email);
      else fakes.props.user.deleteProperty('VELI_DEV_USER');
    },
  };
  rt.setUser(opts.devUser ?? null);
  return rt;
}
