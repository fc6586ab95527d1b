// What the Google-backed document tests share: the stand-in's address and test hooks, a fresh
// service account per test, and requests to the app with that account's environment.
import { env as baseEnv } from 'cloudflare:test';
import { app } from '../../worker/app';
import type { LoggedCall, StoredFile } from './fake-google-wire';
import { ADMIN, uid } from './helpers';

// The Google stand-in (tests/support/fake-google.ts) runs in Node; the worker reaches it
// through this project's GOOGLE_* bindings (vitest.config.ts), and the tests read its log and
// its files over HTTP. Everything here is checked against the stand-in, not Google itself.
export const env = baseEnv as typeof baseEnv & {
  GOOGLE_TOKEN_URL: string;
  GOOGLE_SERVICE_ACCOUNT_KEY: string;
};
export const base = env.GOOGLE_TOKEN_URL.replace(/\/token$/, '');

export const hook = async (path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    body: body ? JSON.stringify(body) : null,
  });
  return res.json() as Promise<{ calls: LoggedCall[] }>;
};
export const googleCalls = async () => (await hook('/__log')).calls;
export const fakeFile = async (id: string) => {
  const res = await fetch(`${base}/__files/${id}`);
  return res.status === 200 ? ((await res.json()) as StoredFile) : null;
};

/** A fresh service-account email per test, so the worker's token cache never hides a JWT. */
export function saEnv(over: Record<string, unknown> = {}, vars: Record<string, unknown> = {}) {
  const key = JSON.parse(env.GOOGLE_SERVICE_ACCOUNT_KEY);
  return {
    ...env,
    GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify({
      ...key,
      client_email: `${uid('sa')}@veli-velo-test.iam.gserviceaccount.com`,
      ...over,
    }),
    ...vars,
  };
}

/** One request to the app as `as` (admin by default) with a Google-configured environment. */
export async function request(
  method: string,
  path: string,
  body: unknown,
  opts: { as?: string; headers?: Record<string, string>; env?: object } = {},
) {
  const res = await app.request(
    path,
    {
      method,
      headers: {
        'content-type': 'application/json',
        'x-dev-user': opts.as ?? ADMIN,
        ...(opts.headers ?? {}),
      },
      body: body === undefined ? null : JSON.stringify(body),
    },
    opts.env ?? saEnv(),
  );
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of several shapes, asserted field by field.
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
