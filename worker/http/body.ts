import type { Context } from 'hono';
import type { z } from 'zod/mini';
import { MSG } from '../../shared/i18n/messages';
import { validate } from '../../shared/schemas/validate';
import { ApiError, validationError } from './errors';

function parseObject(raw: string): object {
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
  return parsed;
}

/**
 * Reads the JSON body and validates it with a shared schema; 400 in French otherwise. With
 * `emptyIsObject`, an empty body stands for `{}`.
 */
export async function readBody<S extends z.core.$ZodType>(
  c: Context,
  schema: S,
  emptyIsObject = false,
): Promise<z.infer<S>> {
  const raw = await c.req.text();
  const parsed = emptyIsObject && raw.trim() === '' ? {} : parseObject(raw);
  const result = validate(schema, parsed);
  if (!result.ok) throw validationError(result.issues);
  return result.data;
}

/** The query string validated with its schema; a present but empty parameter counts as absent. */
export function readQuery<S extends z.core.$ZodType>(c: Context, schema: S): z.infer<S> {
  const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const result = validate(schema, given);
  if (!result.ok) throw validationError(result.issues);
  return result.data;
}
