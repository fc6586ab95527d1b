import * as z from 'zod/mini';
import { Id } from '../schemas/common';

/** An ISO 8601 instant (UTC) the worker wrote. */
export const Instant = z.string().check(z.describe('Instant ISO 8601 (UTC)'));

/** Who wrote a record of the simple tables and when; `version` is its ETag. */
export const AUTHORED = {
  createdAt: Instant,
  createdBy: z.string(),
  updatedAt: Instant,
  updatedBy: z.string(),
  /** Bumped by every write: the record's ETag. */
  version: z.int(),
};

/**
 * A stored record as answered: its accepted fields (the create's shape, whose `id` is optional),
 * its id and its authorship.
 */
export function stored<S extends z.core.$ZodLooseShape>(fields: S) {
  const { id: _optional, ...accepted } = fields;
  return z.strictObject({ ...(accepted as Omit<S, 'id'>), id: Id, ...AUTHORED });
}
