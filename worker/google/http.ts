import type { Env } from '../env';

/** A Google call never hangs a request: 20 s, then it is abandoned (UrlFetch's own limit is 60 s). */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Waits before retrying a 429 or 5xx: about 0.5 s, 1.5 s, 4 s (jittered). */
export const DEFAULT_RETRY_DELAYS_MS = [500, 1500, 4000];

/** `GOOGLE_FETCH_TIMEOUT_MS` (tests lower it), else 20 s. */
export function googleTimeoutMs(env: Env): number {
  const n = Number(env.GOOGLE_FETCH_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS;
}

/** `GOOGLE_RETRY_DELAYS_MS` as a list of waits, else the default. */
export function retryDelays(env: Env): readonly number[] {
  const delays = (env.GOOGLE_RETRY_DELAYS_MS ?? '')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(Number)
    .filter((n) => Number.isFinite(n) && n >= 0);
  return delays.length ? delays : DEFAULT_RETRY_DELAYS_MS;
}

/** A failed Google call; the worker turns it into `502 UPSTREAM_FAILED` in French. */
export class GoogleError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Google's `error.errors[0].reason` when it gave one (`storageQuotaExceeded`, `notFound`…). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** Google calls made for one request: one per operation whatever the retries, by kind. */
export class CallLog {
  readonly kinds: string[] = [];
  requests = 0;
  get calls() {
    return this.kinds.length;
  }
}

export interface GoogleHttp {
  token: string;
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  log?: CallLog | undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const retryable = (status: number) => status === 429 || status >= 500;

/** Google's error reason from a JSON error body, without ever echoing the body itself. */
async function reasonOf(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.json()) as { error?: { errors?: { reason?: string }[]; status?: string } };
    return body.error?.errors?.[0]?.reason ?? body.error?.status;
  } catch {
    return undefined;
  }
}

/**
 * One Google API operation: bearer token, a timeout on every attempt, retries of 429/5xx
 * (honouring `Retry-After`, capped at 10 s) and of network failures when `idempotent`.
 * A timed-out or failed upload that creates something is not retried: it may have landed.
 * Never logs the token.
 */
export async function googleFetch(
  o: GoogleHttp,
  url: string,
  init: RequestInit,
  what: string,
  idempotent = true,
): Promise<Response> {
  o.log?.kinds.push(what);
  const delays = o.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    if (o.log) o.log.requests++;
    let res: Response | null = null;
    try {
      const answer = await fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${o.token}` },
        signal: AbortSignal.timeout(o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      // The body is read under the same timeout, here: a stall after the headers is a timed-out
      // call like any other (read later by the caller, it would escape as a 500).
      res = new Response(answer.ok ? await answer.arrayBuffer() : answer.body, answer);
    } catch (err) {
      const timedOut = (err as Error)?.name === 'TimeoutError';
      if (!idempotent || attempt >= delays.length)
        throw new GoogleError(
          timedOut ? 504 : 503,
          `Google ${what} ${timedOut ? 'timed out' : 'unreachable'}`,
        );
    }
    if (res?.ok) return res;
    if (res && (!retryable(res.status) || attempt >= delays.length)) {
      throw new GoogleError(res.status, `Google ${what} failed with ${res.status}`, await reasonOf(res));
    }
    const retryAfter = Number(res?.headers.get('retry-after'));
    const base = delays[attempt] ?? 0;
    const wait =
      Number.isFinite(retryAfter) && retryAfter > 0
        ? Math.max(base, Math.min(retryAfter * 1000, 10_000))
        : base;
    await res?.body?.cancel();
    await sleep(wait * (0.75 + Math.random() * 0.5));
  }
}
