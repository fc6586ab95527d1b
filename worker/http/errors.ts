import type { Context } from 'hono';
import { ERROR_CODES, type ErrorCode, MSG } from '../../shared/i18n/messages';
import { frTypo } from '../../shared/i18n/typography';
import type { FieldIssue } from '../../shared/schemas/validate';

/** An error with the contract's shape; thrown anywhere, rendered once by `onError`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: FieldIssue[]; [key: string]: unknown } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  get status() {
    return ERROR_CODES[this.code];
  }
}

export const validationError = (issues: FieldIssue[], message: string = MSG.validation) =>
  new ApiError('VALIDATION_FAILED', message, { issues });

export const fieldError = (path: string, message: string) => validationError([{ path, message }], message);

/**
 * The error as the contract shapes it, its message and each issue's typeset here, in one
 * place, whatever wrote them (zod, a handler, a library): French no-break spaces before
 * `: ; ? !` and inside « ». The rest (`current`, `quota`) is data, sent as stored.
 */
function errorBody(err: ApiError) {
  const { issues, ...extra } = err.extra;
  return {
    code: err.code,
    message: frTypo(err.message),
    ...extra,
    ...(issues ? { issues: issues.map((i) => ({ ...i, message: frTypo(i.message) })) } : {}),
  };
}

export function errorResponse(c: Context, err: unknown): Response {
  if (err instanceof ApiError) return c.json({ error: errorBody(err) }, err.status, err.headers);
  // The log line names the request and the error (name and message, which our code and the
  // runtime write without user data or tokens); the response never carries internals.
  const e = err instanceof Error ? err : new Error(String(err));
  console.error(
    JSON.stringify({
      level: 'error',
      requestId: c.get('requestId'),
      route: `${c.req.method} ${c.req.routePath}`,
      error: e.name,
      message: e.message.slice(0, 500),
    }),
  );
  return c.json({ error: { code: 'INTERNAL', message: MSG.internal } }, 500);
}
