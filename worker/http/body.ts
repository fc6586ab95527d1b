import type { Context } from 'hono';
import type { z } from 'zod/mini';
import { MSG } from '../../shared/i18n/messages';
import { validate } from '../../shared/schemas/validate';
import { ApiError, validationError } from './errors';

/** Reads the JSON body and validates it with a shared schema; 400 in French otherwise. */
export async function readBody<S extends z.core.$ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const raw = await c.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError('VALIDATION_FAILED', MSG.malformedJson, {
      issues: [{ path: '', message: MSG.malformedJson }],
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw validationError([{ path: '', message: MSG.expectedObject }], MSG.expectedObject);
  }
  const result = validate(schema, parsed);
  if (!result.ok) throw validationError(result.issues);
  return result.data;
}
