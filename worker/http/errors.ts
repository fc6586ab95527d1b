import type { Context } from 'hono';
import { ERROR_CODES, type ErrorCode, MSG } from '../../shared/i18n/messages';
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

export function errorResponse(c: Context, err: unknown): Response {
  if (err instanceof ApiError) {
    return c.json({ error: { code: err.code, message: err.message, ...err.extra } }, err.status, err.headers);
  }
  // Never echo internals: the message and stack stay out of the response and the log line.
  console.error(
    JSON.stringify({ level: 'error', requestId: c.get('requestId'), error: (err as Error)?.name ?? 'Error' }),
  );
  return c.json({ error: { code: 'INTERNAL', message: MSG.internal } }, 500);
}
