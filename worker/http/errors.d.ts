import type { Context } from 'hono';
import { type ErrorCode } from '../../shared/i18n/messages';
import type { FieldIssue } from '../../shared/schemas/validate';
/** An error with the contract's shape; thrown anywhere, rendered once by `onError`. */
export declare class ApiError extends Error {
  readonly code: ErrorCode;
  readonly extra: {
    issues?: FieldIssue[];
    [key: string]: unknown;
  };
  readonly headers: Record<string, string>;
  constructor(
    code: ErrorCode,
    message: string,
    extra?: {
      issues?: FieldIssue[];
      [key: string]: unknown;
    },
    headers?: Record<string, string>,
  );
  get status(): 400 | 401 | 403 | 404 | 409 | 422 | 413 | 429 | 502 | 500;
}
export declare const validationError: (issues: FieldIssue[], message?: string) => ApiError;
export declare const fieldError: (path: string, message: string) => ApiError;
export declare function errorResponse(c: Context, err: unknown): Response;
